"""A spaCy component that starts a sentence after every line break.

News text puts headlines, captions and paragraphs on lines of their own; the parser
otherwise runs a headline into the first sentence of the article.
"""

from spacy.language import Language


@Language.component("quotes_paragraphs")
def paragraph_boundaries(doc):
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break:
            token.is_sent_start = True
        after_break = False
    return doc
