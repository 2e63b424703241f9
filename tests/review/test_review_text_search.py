from iop_facilitator.review.text_search import Query, excerpt, hit_spans


def test_query_needs_every_word() -> None:
    query = Query.parse("Sleep Plan")
    assert query.matches("talked about a sleep plan")
    assert not query.matches("talked about sleep")


def test_hits_ignore_case_and_point_into_the_original_text() -> None:
    text = "Sleep was poor; SLEEP hygiene reviewed."
    spans = hit_spans(text, Query.parse("sleep"))
    assert [text[s:e] for s, e in spans] == ["Sleep", "SLEEP"]


def test_overlapping_hits_of_two_words_merge_into_one_span() -> None:
    spans = hit_spans("craving", Query.parse("crav ravin"))
    assert spans == [(0, 6)]


def test_excerpt_keeps_the_hit_inside_the_window() -> None:
    text = "x" * 200 + " relapse " + "y" * 200
    spans = hit_spans(text, Query.parse("relapse"))
    cut, inside = excerpt(text, spans, width=40)
    assert len(inside) == 1
    start, end = inside[0]
    assert cut[start:end] == "relapse"
    assert cut.startswith("…") and cut.endswith("…")


def test_excerpt_collapses_line_breaks_without_losing_the_hit() -> None:
    text = "Felt anxious\n\nabout   the weekend"
    cut, inside = excerpt(text, hit_spans(text, Query.parse("weekend")), width=80)
    assert cut == "Felt anxious about the weekend"
    assert [cut[s:e] for s, e in inside] == ["weekend"]
