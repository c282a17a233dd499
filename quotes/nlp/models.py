"""Stanza model management: where the models live, what is installed, downloading them.

The Stanza engine never downloads at run time; `quotes models download` fetches the
models once and the engine loads them from the same directory:

    directory = model_dir()              # QUOTES_STANZA_DIR, else Stanza's own default
    download(directory)                  # needs the network
    missing = [f for f in model_files(directory) if not f.installed]

Stanza (and torch) are imported only inside these functions: they take seconds to import.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from quotes.errors import QuotesError

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
DIR_ENV = "QUOTES_STANZA_DIR"
URL_ENV = "QUOTES_STANZA_URL"
LANGUAGE_NAMES = {"en": "English"}
NEEDS_EXTRA = "the stanza engine needs the stanza extra: pip install 'quotes[stanza]'"
OFFLINE_HINT = ("Without network access, copy a model directory from a machine that has one "
                f"and pass it with --dir or ${DIR_ENV}")


class StanzaMissing(QuotesError):
    """The stanza package is not installed."""

    def __init__(self) -> None:
        super().__init__(NEEDS_EXTRA)


class ModelsMissing(QuotesError):
    """The models for a language are not (fully) installed; the message says what to run."""


class DownloadError(QuotesError):
    """Downloading the models failed; the message is one line naming the URL."""


@dataclass(frozen=True)
class ModelFile:
    """One model file the pipeline loads: `en/pos/combined_charlm.pt` and the like."""

    processor: str
    package: str
    path: str
    size: int | None

    @property
    def installed(self) -> bool:
        return self.size is not None


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, f"{lang!r}")


def require_stanza():
    """The stanza module, or StanzaMissing."""
    try:
        import stanza
    except ImportError as error:
        raise StanzaMissing() from error
    return stanza


def _stanza_resources():
    require_stanza()
    from stanza.resources import common

    return common


def model_dir(directory: str | os.PathLike | None = None) -> Path:
    """`directory` if given, else $QUOTES_STANZA_DIR, else Stanza's default directory."""
    if directory:
        return Path(directory).expanduser()
    if os.environ.get(DIR_ENV):
        return Path(os.environ[DIR_ENV]).expanduser()
    return Path(_stanza_resources().DEFAULT_MODEL_DIR)


def resources_url(url: str | None = None) -> str:
    """Where resources.json is fetched from: `url`, else $QUOTES_STANZA_URL, else Stanza's hub."""
    return url or os.environ.get(URL_ENV) or _stanza_resources().DEFAULT_RESOURCES_URL


def not_downloaded(directory: Path, lang: str) -> ModelsMissing:
    return ModelsMissing(
        f"Stanza {language_name(lang)} models not found in {directory}: "
        "run `quotes models download`")


def model_files(directory: Path, lang: str = "en") -> list[ModelFile]:
    """The files the pipeline needs, as listed by the directory's resources.json.

    Raises ModelsMissing when the directory has no resources.json or lacks the language.
    """
    common = _stanza_resources()
    try:
        resources = common.load_resources_json(str(directory))
    except FileNotFoundError as error:
        raise not_downloaded(directory, lang) from error
    except ValueError as error:  # a damaged resources.json
        raise ModelsMissing(f"{directory / 'resources.json'} is not valid JSON ({error}): "
                            "run `quotes models download` again") from error
    lang_resources = common.get_language_resources(resources, lang)
    if lang_resources is None:
        raise not_downloaded(directory, lang)
    lang = resources[lang].get("alias", lang)
    _, _, package, processors = common.process_pipeline_parameters(
        lang, str(directory), "default", PROCESSORS)
    wanted = common.maintain_processor_list(resources, lang, package, processors)
    wanted = common.flatten_processor_list(common.add_dependencies(resources, lang, wanted))
    files = []
    for processor, package in wanted:
        path = directory / lang / processor / f"{package}.pt"
        size = path.stat().st_size if path.is_file() else None
        files.append(ModelFile(processor, package, str(path), size))
    return files


def check_installed(directory: Path, lang: str = "en") -> list[ModelFile]:
    """The model files, or ModelsMissing naming what is absent."""
    files = model_files(directory, lang)
    missing = [f for f in files if not f.installed]
    if missing:
        names = ", ".join(f"{f.processor}/{f.package}" for f in missing)
        raise ModelsMissing(
            f"Stanza {language_name(lang)} models incomplete in {directory} (missing {names}): "
            "run `quotes models download`")
    return files


def status(directory: Path, lang: str = "en") -> dict:
    """What is installed where, as plain data for `quotes models status` and `list`."""
    stanza = require_stanza()
    import torch

    try:
        files = model_files(directory, lang)
        problem = None
    except ModelsMissing as error:
        files, problem = [], str(error)
    if files and not all(f.installed for f in files):
        problem = "some model files are missing: run `quotes models download`"
    return {
        "dir": str(directory),
        "lang": lang,
        "ready": problem is None,
        "problem": problem,
        "stanza": stanza.__version__,
        "torch": torch.__version__,
        "cuda": torch.cuda.is_available(),
        "size": sum(f.size or 0 for f in files),
        "files": [asdict(f) | {"installed": f.installed} for f in files],
    }


def download(directory: Path, lang: str = "en", url: str | None = None) -> list[ModelFile]:
    """Fetch resources.json and the pipeline's model files into `directory`.

    Stanza logs each file and draws a progress bar on stderr. A file already there with
    the checksum resources.json gives is kept; any other is fetched again. A file is
    written under a temporary name and moved in place whole, so an interrupted download
    leaves no partial model behind (leftovers of a killed one are removed on the next
    run), and a file whose checksum is wrong is deleted. Any failure raises
    DownloadError with a one-line reason naming the URL.
    """
    common = _stanza_resources()
    url = resources_url(url)
    with common.logging_level_context("INFO", None):
        resources = _fetch(url, lambda: _resources_json(common, directory, url))
        if common.get_language_resources(resources, lang) is None:
            raise DownloadError(f"{url} has no Stanza models for the language {lang!r}")
        files = model_files(directory, lang)
        lang = resources[lang].get("alias", lang)
        _remove_partial_downloads(directory / lang)
        for file in files:
            _download_file(common, resources, lang, file)
    return check_installed(directory, lang)


def _resources_json(common, directory: Path, url: str) -> dict:
    common.download_resources_json(str(directory), url)
    return common.load_resources_json(str(directory))


def _fetch(url: str, fetch):
    try:
        return fetch()
    except Exception as error:  # requests, httpx, huggingface_hub, md5 and disk errors alike
        raise DownloadError(f"could not download Stanza models from {failed_url(error, url)}: "
                            f"{reason(error)}{offline_hint(error)}") from error


def _download_file(common, resources: dict, lang: str, file: ModelFile) -> None:
    entry = resources[lang][file.processor][file.package]
    url = common.expand_model_url(resources, "default").format(
        resources_version=common.DEFAULT_RESOURCES_VERSION, lang=lang,
        filename=f"{file.processor}/{file.package}.pt")
    path = Path(file.path)
    try:
        common.request_file(url, str(path), md5=entry["md5"], raise_for_status=True,
                            alternate_md5=entry.get("alternate_md5"))
    except Exception as error:
        if isinstance(error, ValueError) and _bad_checksum(common, path, entry):
            path.unlink()  # Stanza checks the checksum after moving the file in place
            raise DownloadError(
                f"could not download Stanza models from {url}: the file's md5 checksum is not "
                f"{entry['md5']}, so it was deleted; run `quotes models download` again, or use "
                "another --url if it happens again") from error
        raise DownloadError(f"could not download Stanza models from {url}: {reason(error)}"
                            f"{offline_hint(error)}") from error


def _bad_checksum(common, path: Path, entry: dict) -> bool:
    return path.is_file() and common.get_md5(str(path)) not in (entry["md5"], entry.get("alternate_md5"))


def offline_hint(error: BaseException) -> str:
    """What to do without network, when `error` is a failed connection or a timeout."""
    import requests

    network = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
               ConnectionError, TimeoutError)
    return f". {OFFLINE_HINT}" if isinstance(error, network) else ""


def _remove_partial_downloads(directory: Path) -> None:
    """Remove the temporary folders (en/<processor>/tmp*) a killed download left."""
    for folder in directory.glob("*/tmp*"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def failed_url(error: BaseException, default: str) -> str:
    """The URL a requests error was fetching, else `default`."""
    request = getattr(error, "request", None)
    return getattr(request, "url", None) or default


def reason(error: BaseException) -> str:
    """A one-line reason, digging the root cause out of requests' wrapped errors."""
    while error.args and isinstance(getattr(error.args[0], "reason", None), BaseException):
        error = error.args[0].reason
    while error.args and isinstance(error.args[0], BaseException):  # ChunkedEncodingError(ProtocolError)
        error = error.args[0]
    # ProtocolError("Connection broken: ...", IncompleteRead(...)): the message alone
    message = error.args[0] if len(error.args) > 1 and isinstance(error.args[0], str) else str(error)
    lines = message.strip().splitlines()
    text = lines[0].strip().rstrip(".") if lines else type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
