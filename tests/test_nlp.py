import multiprocessing
from pathlib import Path

import pytest

from briefgen.errors import ModelError
from briefgen.nlp import load_pipeline


def test_lines_start_sentences(nlp):
    doc = nlp("United States Opposition\nRecall that Washington has repeatedly threatened Turkey.")
    assert [s.text.strip() for s in doc.sents][0] == "United States Opposition"


def test_missing_model_names_what_is_installed():
    with pytest.raises(ModelError, match="installed"):
        load_pipeline("xx_not_a_model")


def test_unused_components_are_not_loaded_and_the_used_ones_are(nlp):
    from briefgen.nlp import UNUSED_COMPONENTS

    assert not set(UNUSED_COMPONENTS) & set(nlp.component_names)
    # What the extractors read: tags, coarse POS, lemmas, the parse and the entities.
    for name in ("tagger", "attribute_ruler", "lemmatizer", "parser", "ner"):
        assert name in nlp.pipe_names
    doc = nlp("The minister said on Monday that the talks had failed.")
    assert [t.lemma_ for t in doc][:3] == ["the", "minister", "say"]
    assert [(e.text, e.label_) for e in doc.ents] == [("Monday", "DATE")]
    assert doc[2].dep_ == "ROOT" and doc[2].pos_ == "VERB"


def test_the_analysis_component_is_off_unless_asked_for(nlp):
    from briefgen.nlp import ANALYSIS_COMPONENT

    assert ANALYSIS_COMPONENT in nlp.disabled
    doc = nlp("The talks failed.")
    assert [t.text for t in doc] == ["The", "talks", "failed", "."] and doc._context is None


def test_processes_are_used_only_for_large_runs(monkeypatch):
    import briefgen.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "cpu_count", lambda: 4)
    assert nlp_module.processes_for(5) == 1
    assert nlp_module.processes_for(2225) == 4
    assert nlp_module.processes_for(2 * nlp_module.MIN_TEXTS_PER_PROCESS) == 2
    assert nlp_module.processes_for(5, setting=2) == 2
    assert nlp_module.processes_for(1, setting=3) == 1


def test_several_processes_give_the_same_analyses_as_one(nlp):
    """The custom components and the extension attribute survive spaCy's worker processes."""
    from briefgen.analyse import analyse_sources
    from briefgen.ingest import read_sources

    seeds = Path(__file__).resolve().parents[1] / "sources"
    sources = [s for s in read_sources(seeds) if s.status == "included"]
    assert len(sources) >= 4
    started: list[int] = []

    def on_started():  # the build starts the chart browser here: after spaCy's workers are forked
        started.append(len(multiprocessing.active_children()))

    one = analyse_sources(sources, load_nlp=lambda: nlp, batch_size=2, n_process=1, on_started=on_started)
    two = analyse_sources(sources, load_nlp=lambda: nlp, batch_size=2, n_process=2, on_started=on_started)
    assert started == [0, 2]
    assert list(one) == list(two) == sorted(s.id for s in sources)
    assert [a.model_dump() for a in one.values()] == [a.model_dump() for a in two.values()]
    # Real content came back from the workers: sentences split at line breaks, entities, a date.
    first = one[sources[0].id]
    assert first.sentences and first.entities
    assert all("\n" not in s.text for a in two.values() for s in a.sentences)


def test_an_extractor_error_in_a_worker_fails_the_analysis_with_the_source_named(nlp, monkeypatch):
    """The error comes back as data and is raised once every Doc is read (raising earlier hangs spaCy)."""
    import briefgen.analyse as analyse_module
    from briefgen.ingest import read_sources

    seeds = Path(__file__).resolve().parents[1] / "sources"
    sources = [s for s in read_sources(seeds) if s.status == "included"]
    real = analyse_module.analyse_doc
    bad = sources[1].text[:40]

    def flaky(doc, *, published):
        if doc.text.startswith(bad):
            raise ValueError("an extractor broke")
        return real(doc, published=published)

    monkeypatch.setattr(analyse_module, "analyse_doc", flaky)
    done: list[int] = []
    with pytest.raises(RuntimeError, match=r"an extractor broke") as caught:
        analyse_module.analyse_sources(
            sources, load_nlp=lambda: nlp, batch_size=1, n_process=2, on_progress=done.append
        )
    assert sources[1].path in str(caught.value)
    assert len(done) == len(sources)  # every Doc was read before the error was raised


def test_the_workers_send_back_the_analysis_in_the_context_of_an_empty_doc(nlp):
    """Only the analysis and the context cross back from a worker: the parsed Doc stays there."""
    from briefgen.analyse import analyse_doc
    from briefgen.ingest import read_sources
    from briefgen.model import Analysis
    from briefgen.nlp import ANALYSIS_COMPONENT

    seeds = Path(__file__).resolve().parents[1] / "sources"
    sources = [s for s in read_sources(seeds) if s.status == "included"][:3]
    texts = [(s.text, (i, s.published)) for i, s in enumerate(sources)]
    expected = [analyse_doc(nlp(s.text), published=s.published).model_dump_json() for s in sources]
    nlp.enable_pipe(ANALYSIS_COMPONENT)
    try:
        for processes in (2, 1):
            got = list(nlp.pipe(texts, as_tuples=True, batch_size=1, n_process=processes))
            assert [len(doc) for doc, _ in got] == [0, 0, 0]
            assert [context for _, (context, _) in got] == [context for _, context in texts]
            assert [raw for _, (_, raw) in got] == expected
            first = Analysis.model_validate_json(got[0][1][1])
            sentence = first.sentences[0]
            assert sentence.text == " ".join(sources[0].text[sentence.start : sentence.end].split())
    finally:
        nlp.disable_pipe(ANALYSIS_COMPONENT)


def test_forked_workers_tokenise_the_texts_and_use_each_sources_own_date(nlp, monkeypatch):
    """The parent gives forked workers the plain texts (it tokenises none of them), and each analysis
    still reads its own source's date, also for two sources with the same text and different dates."""
    from briefgen.analyse import analyse_doc, analyse_sources
    from briefgen.ingest import read_sources
    from briefgen.nlp import published_by_text

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the plain-text path is for forked workers")
    seeds = Path(__file__).resolve().parents[1] / "sources"
    sources = [s for s in read_sources(seeds) if s.status == "included"]
    dated = next(s for s in sources if s.published)
    expected = {s.id: analyse_doc(nlp(s.text), published=s.published).model_dump_json() for s in sources}
    tokenised_here: list[str] = []
    make_doc = nlp.make_doc

    def spy(text):
        tokenised_here.append(text)
        return make_doc(text)

    monkeypatch.setattr(nlp, "make_doc", spy)
    got = analyse_sources(sources, load_nlp=lambda: nlp, batch_size=2, n_process=2)
    assert {i: a.model_dump_json() for i, a in got.items()} == expected
    assert not set(tokenised_here) & {s.text for s in sources}
    assert published_by_text == {}

    # The same text under another date: the dates travel with the texts again, and both are used.
    later = dated.model_copy(update={"id": 999, "published": f"{int(dated.published[:4]) + 3}{dated.published[4:]}"})
    got = analyse_sources([dated, later], load_nlp=lambda: nlp, batch_size=1, n_process=2)
    assert got[dated.id].model_dump_json() == expected[dated.id]
    assert got[later.id].model_dump_json() == analyse_doc(nlp(later.text), published=later.published).model_dump_json()
    assert got[later.id].model_dump_json() != got[dated.id].model_dump_json()


def test_a_domain_name_is_one_token_inside_one_sentence(nlp):
    doc = nlp("This means that the US-based Amazon.com holds a patent for its \"one-click shopping\" service, for "
              "example. Critics are concerned that the directive could lead to a similar model happening in Europe.")
    assert "Amazon.com" in [t.text for t in doc]
    assert [s.text.split()[0] for s in doc.sents] == ["This", "Critics"]


def test_a_capital_after_a_lower_case_word_does_not_start_a_sentence(nlp):
    # Why a missing full stop ('…smaller tech firms The EC says…') is not mended by rule: in the BBC set
    # the same shape is as often a name in apposition, which must stay in its sentence.
    doc = nlp("\"Estimates of Iraq's unemployment rate vary, but we estimate it to be between 30-40%,\" the "
              "Washington-based independent think-tank The Brookings Institution says in its Iraq Index.")
    assert len(list(doc.sents)) == 1
