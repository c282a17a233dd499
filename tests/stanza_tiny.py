"""Train a tiny English Stanza pipeline with Stanza's own training entry points.

    python tests/stanza_tiny.py OUTPUT_DIR

trains tokenize, mwt, pos, lemma, depparse and ner on tests/fixtures/stanza/corpus.conllu
(113 fictional sentences) for a few steps on the CPU, plus a tiny word-vector file
(`pretrain`) made from the corpus, and writes them the way `quotes models download`
installs the hub's models:

    OUTPUT_DIR/resources.json               Stanza's resources format, md5 of every file
    OUTPUT_DIR/en/tokenize/tiny.pt          one file per processor, package "tiny"
    OUTPUT_DIR/en/pretrain/tiny.pt          the dependency of pos, depparse and ner
    ...

The models are small and undertrained: they exist so that the tests run the real code
path (stanza.Pipeline, bulk_process, multi-word tokens, download, checksums), not to
be accurate. The tests run this once and keep the result in pytest's cache (see
`stanza_tiny_models` in conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "stanza" / "corpus.conllu"
LANG = "en"
PACKAGE = "tiny"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# processors whose models read the word vectors; the hub's English models do too
WITH_PRETRAIN = ("pos", "depparse", "ner")
VECTOR_DIM = 16
STANZA_EXTRA = "needs the stanza extra (pip install 'quotes[stanza]')"
"""The reason every Stanza test gives when Stanza is not installed."""


def fingerprint() -> str:
    """What the trained models depend on: the corpus, this script, Stanza and torch."""
    import stanza
    import torch

    digest = hashlib.sha256()
    for path in (CORPUS, Path(__file__)):
        digest.update(path.read_bytes())
    digest.update(f"{stanza.__version__} {torch.__version__}".encode())
    return digest.hexdigest()[:16]


def read_doc():
    from stanza.utils.conll import CoNLL

    return CoNLL.conll2doc(input_file=str(CORPUS))


def write_vectors(words: list[str], path: Path) -> None:
    """Word vectors in word2vec text format, one per distinct word (and its lower case).

    Seeded random numbers: Stanza's models accept any vectors, and the tests need the
    file and its loading, not the meaning of the vectors.
    """
    vocab = sorted({w for word in words for w in (word, word.lower())})
    rng = random.Random(14)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{len(vocab)} {VECTOR_DIM}\n")
        for word in vocab:
            out.write(word + " " + " ".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(VECTOR_DIM)) + "\n")


def make_pretrain(work: Path) -> None:
    """work/pretrain.pt: the word vectors in Stanza's pretrain format."""
    from stanza.models.common.pretrain import Pretrain

    words = [word.text for sentence in read_doc().sentences for word in sentence.words]
    write_vectors(words, work / "vectors.txt")
    Pretrain(str(work / "pretrain.pt"), str(work / "vectors.txt")).load()  # reads the text, saves the .pt


def tokenizer_files(work: Path) -> dict[str, Path]:
    return {"txt": work / "tokenize.txt", "labels": work / "tokenize.labels", "mwt": work / "mwt.json"}


def make_tokenizer_data(work: Path) -> None:
    """The raw text, its character labels and the MWT dictionary, as Stanza's prepare step makes them."""
    from stanza.utils.datasets import prepare_tokenizer_data
    from stanza.utils.datasets.conllu_to_text import convert_text

    files = tokenizer_files(work)
    convert_text(str(CORPUS), str(files["txt"]))
    prepare_tokenizer_data.main([str(files["txt"]), str(CORPUS), "-o", str(files["labels"]),
                                 "-m", str(files["mwt"])])


def make_ner_data(work: Path) -> None:
    """work/ner.json: tokens and their BIOES tags (the corpus' MISC ner=), as the NER trainer reads them."""
    sentences = [[{"text": token.text, "ner": token.ner} for token in sentence.tokens]
                 for sentence in read_doc().sentences]
    (work / "ner.json").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")


def common_args(processor: str, work: Path) -> list[str]:
    return ["--shorthand", "en_tiny", "--save_dir", str(work / "models"),
            "--save_name", f"{processor}.pt", "--cpu", "--seed", "14"]


def conllu_args(processor: str, work: Path) -> list[str]:
    """Train on the corpus, and score on it (only to save the model: there is no dev set)."""
    return common_args(processor, work) + [
        "--mode", "train", "--train_file", str(CORPUS), "--eval_file", str(CORPUS),
        "--output_file", str(work / f"{processor}.out.conllu")]


# Small networks, little dropout and a high learning rate: a few passes over the corpus
# are enough for the models to reproduce most of it.
TAGGER_SIZES = ["--hidden_dim", "32", "--char_hidden_dim", "32", "--char_emb_dim", "16",
                "--word_emb_dim", "16", "--tag_emb_dim", "8", "--transformed_dim", "16",
                "--deep_biaff_hidden_dim", "32", "--num_layers", "1",
                "--dropout", "0.1", "--word_dropout", "0.05", "--optim", "adam"]


def train_tokenizer(work: Path) -> None:
    from stanza.models import tokenizer

    data = tokenizer_files(work)
    tokenizer.main(common_args("tokenize", work) + [
        "--lang", LANG, "--mode", "train",
        "--txt_file", str(data["txt"]), "--label_file", str(data["labels"]),
        "--dev_txt_file", str(data["txt"]), "--dev_label_file", str(data["labels"]),
        "--mwt_json_file", str(data["mwt"]), "--emb_dim", "16", "--hidden_dim", "32",
        "--dropout", "0.1", "--lr0", "0.01", "--steps", "100", "--eval_steps", "1000",
        "--batch_size", "16", "--max_seqlen", "200"])


def train_mwt(work: Path) -> None:
    from stanza.models import mwt_expander

    mwt_expander.main(conllu_args("mwt", work) + [
        "--lang", LANG, "--gold_file", str(CORPUS),
        "--hidden_dim", "16", "--emb_dim", "16", "--num_epoch", "2"])


def train_tagger(work: Path) -> None:
    from stanza.models import tagger

    # scored once, at the last step: Stanza 1.15's tagger fails when it never scores
    tagger.main(conllu_args("pos", work) + TAGGER_SIZES + [
        "--lang", LANG, "--wordvec_pretrain_file", str(work / "pretrain.pt"),
        "--composite_deep_biaff_hidden_dim", "16", "--lr", "0.05",
        "--max_steps", "30", "--eval_interval", "30", "--fix_eval_interval"])


def train_lemmatizer(work: Path) -> None:
    from stanza.models import lemmatizer

    lemmatizer.main(conllu_args("lemma", work) + [
        "--hidden_dim", "16", "--emb_dim", "16", "--pos_dim", "16", "--num_epoch", "2"])


def train_parser(work: Path) -> None:
    from stanza.models import parser

    parser.main(conllu_args("depparse", work) + TAGGER_SIZES + [
        "--lang", LANG, "--wordvec_pretrain_file", str(work / "pretrain.pt"),
        "--lr", "0.02", "--max_steps", "40", "--eval_interval", "1000",
        "--augment_nopunct", "0", "--no_checkpoint"])


def train_ner(work: Path) -> None:
    from stanza.models import ner_tagger

    ner_tagger.main(common_args("ner", work) + [
        "--mode", "train", "--train_file", str(work / "ner.json"), "--eval_file", str(work / "ner.json"),
        "--wordvec_pretrain_file", str(work / "pretrain.pt"), "--hidden_dim", "32",
        "--char_hidden_dim", "32", "--char_emb_dim", "16", "--word_emb_dim", "16",
        "--dropout", "0.1", "--optim", "adam", "--lr", "0.03", "--batch_size", "128",
        "--max_steps", "50", "--eval_interval", "1000"])


# processor -> trainer, the slowest first so that two workers finish together
TRAINERS = {"depparse": train_parser, "pos": train_tagger, "tokenize": train_tokenizer,
            "ner": train_ner, "lemma": train_lemmatizer, "mwt": train_mwt}


def train_one(processor: str, work: str) -> str:
    """Run in a worker process: one thread, so that two trainers share two cores."""
    import torch

    torch.set_num_threads(1)
    logging.getLogger("stanza").setLevel(logging.WARNING)
    TRAINERS[processor](Path(work))
    return processor


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def install(work: Path, target: Path) -> None:
    """Copy the models into the layout `quotes models download` makes, with resources.json."""
    import stanza

    files = {processor: work / "models" / f"{processor}.pt" for processor in PROCESSORS}
    files["pretrain"] = work / "pretrain.pt"
    english: dict = {"lang_name": "English", "packages": {"default": {}}}
    for processor, source in files.items():
        path = target / LANG / processor / f"{PACKAGE}.pt"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        dependencies = [{"model": "pretrain", "package": PACKAGE}] if processor in WITH_PRETRAIN else []
        english[processor] = {PACKAGE: {"md5": md5(path), "dependencies": dependencies}}
        if processor != "pretrain":
            english["packages"]["default"][processor] = PACKAGE
    english["default_processors"] = dict(english["packages"]["default"])
    resources = {LANG: english, "stanza_version": stanza.__version__}
    (target / "resources.json").write_text(json.dumps(resources, indent=2), encoding="utf-8")


def train_all(target: Path, work: Path) -> float:
    """Train every processor into `work`, install into `target`; returns the seconds taken."""
    started = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)  # Stanza's parser would resume an old checkpoint
    work.mkdir(parents=True)
    make_pretrain(work)
    make_tokenizer_data(work)
    make_ner_data(work)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        for done in pool.map(train_one, TRAINERS, [str(work)] * len(TRAINERS)):
            logging.getLogger("stanza").debug("trained %s", done)
    install(work, target)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/stanza_tiny.py OUTPUT_DIR", file=sys.stderr)
        return 2
    logging.getLogger("stanza").setLevel(logging.WARNING)
    target = Path(argv[0])
    with tempfile.TemporaryDirectory() as work:
        seconds = train_all(target, Path(work) / "work")
    print(f"trained the tiny Stanza models in {seconds:.1f} s into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
