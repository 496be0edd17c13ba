"""Participation processes ⇄ ActivityStreams (docs/FEDERATION.md, "Participatietrajecten").

Out: the process as a `Question` when it has a poll (Mastodon shows the poll natively) or
a `Page`; `content` says in plain Dutch what Mastodon users need (question, level of say,
dates, where to answer), our own terms carry the rest. A resident's response goes to the
node that asked as a `Note` from our Group with an opaque respondent id; an argument the
gemeente accepted goes on to every participating node as its own `Note`.
In: the same shapes back into the domain's plain data. Options travel by key (position).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from html import escape
from typing import Any

from babel.dates import format_date

from node.community.clock import iso
from node.community.participation.exchange import (
    ArgumentCopy,
    ProcessCopy,
    RemoteAnswer,
    ReportCopy,
)
from node.community.participation.model import LOCAL_ZONE, FormKind, ProcessNode, Side
from node.community.participation.results import SharedResult
from node.community.participation.service import ProcessPage, shared_results
from node.federation.content import LEVEL_WORDS
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids
from node.federation.network.translate import moment
from node.federation.vocab import Ignored, object_id
from node.storage import Row

Object = dict[str, Any]
SIDE_WORDS = {Side.FOR: "Voor", Side.AGAINST: "Tegen"}


def process_terms(ids: Ids) -> dict[str, Any]:
    """Our terms for processes; served at ids.context with the others."""
    ns = "buurtnode:"
    return {
        "buurtnode": f"{ids.context}#",
        "processQuestion": f"{ns}processQuestion",
        "background": f"{ns}background",
        "participationLevel": f"{ns}participationLevel",
        "levelMeaning": f"{ns}levelMeaning",
        "inputFrom": {"@id": f"{ns}inputFrom", "@type": "xsd:date"},
        "inputUntil": {"@id": f"{ns}inputUntil", "@type": "xsd:date"},
        "decisionOn": {"@id": f"{ns}decisionOn", "@type": "xsd:date"},
        "reportBackBy": {"@id": f"{ns}reportBackBy", "@type": "xsd:date"},
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "anonymous": f"{ns}anonymous",
        "processForms": {"@id": f"{ns}processForms", "@container": "@list"},
        "ProcessForm": f"{ns}ProcessForm",
        "formKind": f"{ns}formKind",
        "multiple": f"{ns}multiple",
        "processOptions": {"@id": f"{ns}processOptions", "@container": "@list"},
        "ProcessOption": f"{ns}ProcessOption",
        "key": f"{ns}key",
        "participatingNodes": {"@id": f"{ns}participatingNodes", "@container": "@set"},
        "reportBack": f"{ns}reportBack",
        "ReportBack": f"{ns}ReportBack",
        "themes": {"@id": f"{ns}themes", "@container": "@list"},
        "youSaid": f"{ns}youSaid",
        "weDid": f"{ns}weDid",
        "processClosed": {"@id": f"{ns}processClosed", "@type": "xsd:dateTime"},
        "answerText": f"{ns}answerText",
        "optionKeys": {"@id": f"{ns}optionKeys", "@container": "@list"},
        "side": f"{ns}side",
        "aboutOption": f"{ns}aboutOption",
        "respondent": {"@id": f"{ns}respondent", "@type": "@id"},
        "respondentName": f"{ns}respondentName",
        "channel": f"{ns}channel",
        "sourceResponse": {"@id": f"{ns}sourceResponse", "@type": "@id"},
        "processResults": {"@id": f"{ns}processResults", "@container": "@list"},
        "ProcessResult": f"{ns}ProcessResult",
        "respondents": f"{ns}respondents",
        "onPaper": f"{ns}onPaper",
        "optionCounts": {"@id": f"{ns}optionCounts", "@container": "@set"},
        "count": f"{ns}count",
        "argumentCounts": {"@id": f"{ns}argumentCounts", "@container": "@set"},
        "forCount": f"{ns}forCount",
        "againstCount": f"{ns}againstCount",
        "perNode": {"@id": f"{ns}perNode", "@container": "@list"},
        "votersCount": "http://joinmastodon.org/ns#votersCount",
    }


def _day(value: Any) -> str:
    return format_date(value, "d MMMM y", locale="nl")


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def input_ends(page: ProcessPage) -> str:
    """The end of the input phase: the end of its last day in the Netherlands, as UTC."""
    next_day = page.process.input_until + timedelta(days=1)
    return iso(datetime.combine(next_day, time(0), LOCAL_ZONE))


def _content(ids: Ids, page: ProcessPage, names: list[str]) -> str:
    process = page.process
    url = f"{ids.url}/inspraak/{process.id}"
    parts = [
        _p(process.question),
        _p(
            f"Zeggenschap van bewoners: {LEVEL_WORDS[process.level.value]}. {process.level_meaning}"
        ),
        _p(
            f"Reageren kan van {_day(process.input_from)} tot en met "
            f"{_day(process.input_until)}. Besluit: {_day(process.decision_on)}. "
            f"Terugkoppeling uiterlijk {_day(process.report_back_by)}."
        ),
    ]
    if names:
        parts.append(_p(f"Woont u in {' of '.join(names)}? Reageer op de website van uw buurt."))
    parts.append(f'<p>Meer lezen: <a href="{escape(url)}">{escape(url)}</a></p>')
    if page.report:
        parts.append("<p><strong>Terugkoppeling: u zei — wij deden.</strong></p>")
        parts.append(page.report.decision_html)
    if process.closed_at:
        parts.append(_p("Dit traject is afgesloten."))
    return "".join(parts)


def process_object(ids: Ids, page: ProcessPage, nodes: list[ProcessNode]) -> Object:
    """Only what the process says is public: never who responded, never member ids."""
    process = page.process
    actors = [n.actor_uri for n in nodes if n.actor_uri]
    content = _content(ids, page, [n.name for n in nodes if n.actor_uri])
    poll = next((f for f in page.forms if f.kind is FormKind.POLL), None)
    document: Object = {
        "id": ids.object("process", process.id),
        "type": "Question" if poll else "Page",
        "attributedTo": ids.actor,
        "name": process.title,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": f"{ids.url}/inspraak/{process.id}",
        "published": process.created_at,
        "updated": process.updated_at or process.created_at,
        "processQuestion": process.question,
        "background": process.background_html,
        "participationLevel": process.level.value,
        "levelMeaning": process.level_meaning,
        "inputFrom": process.input_from.isoformat(),
        "inputUntil": process.input_until.isoformat(),
        "decisionOn": process.decision_on.isoformat(),
        "reportBackBy": process.report_back_by.isoformat(),
        "anonymous": process.anonymous,
        "processForms": [
            {"type": "ProcessForm", "formKind": f.kind.value, "multiple": f.multiple}
            for f in page.forms
        ],
        "processOptions": [
            {"type": "ProcessOption", "key": key, "name": option.label}
            for key, option in enumerate(page.options)
        ],
        "participatingNodes": [
            {"type": "Group", "id": n.actor_uri, "name": n.name, "url": n.url}
            for n in nodes
            if n.actor_uri
        ],
        # Asked of other nodes: addressed to them. Only this node's own: public, so its
        # followers on Mastodon see the question (and may vote in the poll).
        "to": actors or [PUBLIC],
        "cc": [PUBLIC, ids.followers] if actors else [ids.followers],
    }
    if poll:
        # Mastodon shows these counts: the fediverse votes only (docs/FEDERATION.md).
        votes = {c.option.id: c.count for c in page.fediverse_votes}
        document["oneOf" if not poll.multiple else "anyOf"] = [
            {
                "type": "Note",
                "name": option.label,
                "replies": {"type": "Collection", "totalItems": votes.get(option.id, 0)},
            }
            for option in page.options
        ]
        document["endTime"] = input_ends(page)
        document["votersCount"] = page.fediverse_voters
    if page.documents:
        document["attachment"] = [
            {"type": "Link", "name": d.title, "href": d.url, "mediaType": "text/html"}
            for d in page.documents
        ]
    if page.report:
        document["reportBack"] = {
            "type": "ReportBack",
            "content": page.report.decision_html,
            "published": page.report.published_at,
            "themes": [{"youSaid": t.you_said, "weDid": t.we_did} for t in page.report.themes],
        }
    if process.closed_at:
        document["processClosed"] = process.closed_at
    shared = shared_results(page)  # None while the input phase runs
    if shared is not None:
        document["processResults"] = [_result(r) for r in shared]
    return {"@context": [AS_CONTEXT, process_terms(ids)], **document}


def _result(result: SharedResult) -> Object:
    """The totals of one form: counts only, options by key (docs/FEDERATION.md)."""
    item: Object = {
        "type": "ProcessResult",
        "formKind": result.kind.value,
        "respondents": result.respondents,
        "onPaper": result.on_paper,
    }
    if result.kind in (FormKind.POLL, FormKind.RANKING):
        item["optionCounts"] = [{"key": k, "count": n} for k, n in result.counts.items()]
    if result.kind is FormKind.ARGUMENTS:
        item["argumentCounts"] = [
            {"forCount": pros, "againstCount": cons} | ({} if key is None else {"aboutOption": key})
            for key, pros, cons in result.arguments
        ]
    if result.per_node:
        item["perNode"] = [{"name": name, "respondents": n} for name, n in result.per_node]
    return item


def response_note(
    ids: Ids,
    row: Row,
    *,
    origin: str,
    process_ap_id: str,
    respondent: str,
    name: str,
    keys: list[int],
    about: int | None,
) -> Object:
    """A resident's response, sent to the node that asked only. `row` is the stored response
    with its form's `kind`; `keys` and `about` are its options as keys."""
    kind = FormKind(row["kind"])
    text = row["body"] if kind in (FormKind.OPEN, FormKind.ARGUMENTS) else ""
    summary = f"{SIDE_WORDS[Side(row['side'])]}: {text}" if row["side"] else text
    document: Object = {
        "id": ids.object("process_response", row["id"]),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": process_ap_id,
        "content": _p(summary or "Een reactie op dit participatietraject."),
        "published": row["created_at"],
        "to": [origin],
        "formKind": kind.value,
        "respondent": respondent,
        "channel": row["channel"],
    }
    if text:
        document["answerText"] = text
    if kind in (FormKind.POLL, FormKind.RANKING):
        document["optionKeys"] = keys
    if kind is FormKind.ARGUMENTS:
        document["side"] = row["side"]
        if about is not None:
            document["aboutOption"] = about
    if name:
        document["respondentName"] = name
    return {"@context": [AS_CONTEXT, process_terms(ids)], **document}


def argument_note(
    ids: Ids, row: Row, process_id: int, nodes: list[str], name: str, option_key: int | None
) -> Object:
    """An argument on our process, passed on so residents elsewhere read and support it."""
    side = Side(row["side"])
    content = _p(f"{SIDE_WORDS[side]}: {row['body']}") + _p(f"— {name}")
    document: Object = {
        "id": ids.object("argument", row["id"]),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": ids.object("process", process_id),
        "content": content,
        "published": row["created_at"],
        "to": nodes,
        "cc": [PUBLIC],
        "side": side.value,
        "answerText": row["body"],
        "respondentName": name,
    }
    if option_key is not None:
        document["aboutOption"] = option_key
    if row["ap_id"]:
        document["sourceResponse"] = row["ap_id"]
    return {"@context": [AS_CONTEXT, process_terms(ids)], **document}


# -- in --------------------------------------------------------------------------


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _key(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def is_process(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("type") in ("Question", "Page") and "inputUntil" in doc


def process_copy(doc: Object, *, origin: str, origin_name: str) -> ProcessCopy:
    """A process from the node that opened it."""
    options = [o for o in _list(doc.get("processOptions")) if isinstance(o, dict)]
    options.sort(key=lambda o: _key(o.get("key")) if _key(o.get("key")) is not None else -1)
    if [o.get("key") for o in options] != list(range(len(options))):
        raise Ignored("a process whose options are not numbered 0, 1, 2...")
    report = doc.get("reportBack")
    return ProcessCopy(
        ap_id=str(doc["id"]),
        origin_actor_uri=origin,
        origin_name=origin_name,
        title=_text(doc.get("name"), 200),
        question=_text(doc.get("processQuestion"), 1000),
        background_html=_text(doc.get("background"), 40_000),
        level=_text(doc.get("participationLevel"), 20),
        level_meaning=_text(doc.get("levelMeaning"), 1000),
        anonymous=doc.get("anonymous") is True,
        input_from=_text(doc.get("inputFrom"), 10),
        input_until=_text(doc.get("inputUntil"), 10),
        decision_on=_text(doc.get("decisionOn"), 10),
        report_back_by=_text(doc.get("reportBackBy"), 10),
        published=moment(doc.get("published")) or "",
        forms=[
            (_text(f.get("formKind"), 20), f.get("multiple") is True)
            for f in _list(doc.get("processForms"))
            if isinstance(f, dict)
        ],
        options=[_text(o.get("name"), 200) for o in options],
        documents=[
            (_text(a.get("name"), 200), str(a["href"]))
            for a in _list(doc.get("attachment"))
            if isinstance(a, dict) and str(a.get("href", "")).startswith(("https://", "http://"))
        ],
        nodes=[_node(n) for n in _list(doc.get("participatingNodes")) if object_id(n)],
        report=_report(report, doc) if isinstance(report, dict) else None,
        closed_at=moment(doc.get("processClosed")),
        results=_results(doc.get("processResults")),
    )


def _results(value: Any) -> list[SharedResult] | None:
    """The totals as they arrived; a form whose counts are not whole numbers, or of a kind
    we do not know, is left out (the domain checks ranges: `clean_shared`)."""
    if not isinstance(value, list):
        return None
    results = []
    for item in value[:10]:
        try:
            results.append(_shared(item))
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    return results or None


def _number(value: Any) -> int:
    number = _key(value)
    if number is None:
        raise ValueError("not a whole number")
    return number


def _items(item: Any, name: str) -> list[Any]:
    value = item.get(name, [])
    if not isinstance(value, list):
        raise ValueError(f"{name} is not a list")
    return value[:200]


def _shared(item: Any) -> SharedResult:
    kind = FormKind(item["formKind"])
    counts: dict[int, int] = {}
    for c in _items(item, "optionCounts") if kind is not FormKind.ARGUMENTS else []:
        counts[_number(c["key"])] = _number(c["count"])
    arguments = []
    for a in _items(item, "argumentCounts") if kind is FormKind.ARGUMENTS else []:
        about = None if a.get("aboutOption") is None else _number(a["aboutOption"])
        arguments.append((about, _number(a["forCount"]), _number(a["againstCount"])))
    per_node = []
    for n in _items(item, "perNode")[:50]:
        if not isinstance(n["name"], str):
            raise ValueError("a node without a name")
        per_node.append((n["name"][:200], _number(n["respondents"])))
    return SharedResult(
        kind=kind,
        respondents=_number(item["respondents"]),
        on_paper=_number(item.get("onPaper", 0)),
        counts=counts,
        arguments=arguments,
        per_node=per_node,
    )


def _node(value: Any) -> ProcessNode:
    uri = str(object_id(value))
    if not isinstance(value, dict):
        return ProcessNode(uri, "", uri)
    url = _text(value.get("url"), 1000)
    return ProcessNode(_text(value.get("name"), 200) or uri, url, uri)


def _report(report: Object, doc: Object) -> ReportCopy:
    return ReportCopy(
        decision_html=_text(report.get("content"), 40_000),
        published_at=moment(report.get("published")) or moment(doc.get("updated")) or "",
        themes=[
            (_text(t.get("youSaid"), 2000), _text(t.get("weDid"), 2000))
            for t in _list(report.get("themes"))
            if isinstance(t, dict)
        ],
    )


def remote_answer(doc: Object, *, process_id: int, node_actor: str) -> RemoteAnswer:
    respondent = object_id(doc.get("respondent"))
    if not respondent:
        raise Ignored("a response without a respondent")
    return RemoteAnswer(
        process_id=process_id,
        node_actor=node_actor,
        respondent=respondent,
        ap_id=str(doc["id"]),
        kind=_text(doc.get("formKind"), 20),
        name=_text(doc.get("respondentName"), 100),
        body=_text(doc.get("answerText"), 5000),
        choices=[k for k in map(_key, _list(doc.get("optionKeys"))) if k is not None],
        side=_text(doc.get("side"), 10),
        option=_key(doc.get("aboutOption")),
        on_paper=doc.get("channel") == "paper",
    )


def argument_copy(doc: Object, *, origin: str, ours: int | None) -> ArgumentCopy:
    return ArgumentCopy(
        process_ap_id=object_id(doc.get("inReplyTo")) or "",
        origin_actor_uri=origin,
        ap_id=str(doc["id"]),
        side=_text(doc.get("side"), 10),
        body=_text(doc.get("answerText"), 1000),
        name=_text(doc.get("respondentName"), 200),
        option=_key(doc.get("aboutOption")),
        ours=ours,
    )
