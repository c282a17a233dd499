"""The Stanza engine: `stanza.Pipeline` (tokenize, mwt, pos, lemma, depparse, ner), already UD.

Models come from `quotes models download`; the pipeline is built with
`download_method=None`, so parsing never touches the network. Stanza and torch are
imported when the engine is created, not when this module is imported.

Tokens are Stanza *words*: a multi-word token such as "don't" becomes two tokens,
"do" and "n't", each with its own slice of the token's characters. When a word's text
is not a piece of its token (an expansion such as "won't" -> "will" "not"), the first
word keeps the whole token span and the other words get zero-width spans at the token
end; those words keep their expanded text, so for them `text[start:end] != token.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from quotes.nlp import models
from quotes.nlp.base import Engine, EngineUnavailable
from quotes.nlp.document import Document, Entity, Sentence, Token


class StanzaEngine(Engine):
    """Parse with Stanza.

    use_gpu: None picks the GPU when torch sees one; True insists on it.
    batch_size: texts handed to Stanza's bulk processing at once.
    model_dir: where `quotes models download` put the models (default: $QUOTES_STANZA_DIR,
        else Stanza's own directory).
    pipeline_options: passed to `stanza.Pipeline`, e.g. Stanza's per-processor batch
        sizes `tokenize_batch_size`, `pos_batch_size`, `depparse_batch_size`, `ner_batch_size`.
    """

    name = "stanza"

    def __init__(self, model_dir: str | None = None, use_gpu: bool | None = None,
                 batch_size: int = 32, lang: str = "en", **pipeline_options):
        try:
            import stanza
            import torch
        except ImportError as error:
            raise EngineUnavailable(models.NEEDS_EXTRA) from error
        cuda = torch.cuda.is_available()
        if use_gpu and not cuda:
            raise EngineUnavailable(
                f"a GPU was requested but torch {torch.__version__} sees no CUDA device: "
                "drop the GPU option or install a CUDA build of torch")
        directory = models.model_dir(model_dir)
        try:
            models.check_installed(directory, lang)
        except models.ModelsMissing as error:
            raise EngineUnavailable(str(error)) from error
        try:
            self.nlp = stanza.Pipeline(
                lang=lang, dir=str(directory), processors=models.PROCESSORS, package="default",
                use_gpu=cuda if use_gpu is None else use_gpu, download_method=None,
                logging_level="CRITICAL", **pipeline_options)
        except Exception as error:  # corrupt files, version mismatches, bad options
            raise EngineUnavailable(
                f"could not load the Stanza models in {directory} ({models.reason(error)}): "
                "run `quotes models download` to repair them") from error
        self._new_document = stanza.Document
        self.batch_size = batch_size
        self.model_dir = directory
        self.device = str(self.nlp.device)

    def parse_pieces(self, texts: Iterable[str]) -> Iterator[Document]:
        texts = iter(texts)
        while batch := list(islice(texts, self.batch_size)):
            wanted = [self._new_document([], text=text) for text in batch if text.strip()]
            parsed = iter(self.nlp.bulk_process(wanted) if wanted else [])
            for text in batch:
                yield from_stanza(next(parsed), text) if text.strip() else Document(text)


def from_stanza(doc, text: str) -> Document:
    """Convert a parsed `stanza.Document` over `text` into our Document, one token per word."""
    out = Document(text)
    words_of: dict[int, tuple[int, int]] = {}  # id(stanza token) -> first, last word index
    for sentence in doc.sentences:
        n = len(out.sentences)
        first = len(out.tokens)
        for token in sentence.tokens:
            start, end = _token_span(token, text)
            words_of[id(token)] = (len(out.tokens), len(out.tokens) + len(token.words) - 1)
            for word, (w_start, w_end, literal) in zip(
                    token.words, _word_spans(token.words, start, end, text), strict=False):
                out.tokens.append(_token(word, first, len(out.tokens), n,
                                         text[w_start:w_end] if literal else word.text,
                                         w_start, w_end))
        if len(out.tokens) > first:
            out.sentences.append(Sentence(out.tokens[first].start, out.tokens[-1].end,
                                          first, len(out.tokens) - 1))
    for ent in doc.ents:
        first, last = words_of[id(ent.tokens[0])][0], words_of[id(ent.tokens[-1])][1]
        start, end = out.span(first, last)
        out.entities.append(Entity(start, end, ent.type, first, last, text[start:end]))
    return out


def _token(word, sent_first: int, i: int, sent: int, form: str, start: int, end: int) -> Token:
    head = sent_first + word.head - 1 if word.head else i
    return Token(i=i, text=form, start=start, end=end, lemma=word.lemma or "",
                 upos=word.upos or "", xpos=word.xpos or "", feats=word.feats or "",
                 head=head, deprel="root" if head == i else word.deprel or "dep", sent=sent)


def _token_span(token, text: str) -> tuple[int, int]:
    if token.start_char is None or token.end_char is None:
        raise ValueError(f"stanza token {token.text!r} has no character offsets")
    if not 0 <= token.start_char <= token.end_char <= len(text):
        raise ValueError(f"stanza token {token.text!r} at {token.start_char}-{token.end_char} "
                         f"lies outside the text ({len(text)} characters)")
    return token.start_char, token.end_char


def _word_spans(words, start: int, end: int, text: str) -> list[tuple[int, int, bool]]:
    """(start, end, literal) for each word of a token spanning text[start:end].

    Literal spans are pieces of the token; a word that is not (an expansion) gets the
    whole token span if it is the first word, else a zero-width span at the token end.
    """
    if len(words) == 1:
        return [(start, end, True)]
    if all(w.start_char is not None and start <= w.start_char <= w.end_char <= end
           for w in words):
        return [(w.start_char, w.end_char, True) for w in words]
    pattern = r"\s*".join(f"({re.escape(w.text)})" for w in words)
    match = re.fullmatch(pattern, text[start:end], re.IGNORECASE)
    if match:
        return [(start + match.start(g), start + match.end(g), True)
                for g in range(1, len(words) + 1)]
    return [(start, end, False)] + [(end, end, False)] * (len(words) - 1)
