// The reading page's review panel (article-reader.js): what it shows of each kind of record,
// with the buttons that confirm, reject or open a correction form. Every text is set as
// text. hooks: {current(), select(table, id, scroll), decide(verdict), openCorrect(),
// openWords()}.
window.ParleyReaderPanels = function (data, panel, page, hooks) {
  "use strict";

  var parts = window.ParleyReader;
  var make = parts.make;
  var fields = parts.fields;
  var button = parts.button;
  var shown = null; // {table, id, around}: the record being drawn

  function add(node) {
    if (node) {
      panel.appendChild(node);
    }
  }

  function actions(correct) {
    if (!data.can_write) {
      return null;
    }
    return make("div", { class: "mb-2" }, [
      button("Confirm", "btn-success", function () { hooks.decide("reviewed"); }),
      button("Reject", "btn-outline-danger", function () { hooks.decide("rejected"); }),
      correct ? button("Correct", "btn-outline-secondary", hooks.openCorrect) : null,
    ]);
  }

  function link(label, table, id) {
    return button(label, "btn-link p-0 align-baseline", function () { hooks.select(table, id, true); });
  }

  function meetingLabel(id) {
    if (id === null || id === undefined) {
      return "none";
    }
    var meeting = data.meetings[id];
    return meeting ? meeting.label : "meeting #" + id;
  }

  function kindName(kind) {
    var found = (data.kinds || []).filter(function (pair) { return pair[0] === kind; });
    return found.length ? found[0][1] : kind;
  }

  function names(pairs) {
    return pairs.map(function (pair) { return pair[1]; }).join(", ");
  }

  function wordsOf(table, id) {
    return Array.from(page.pieces(table, id)).map(function (node) { return node.textContent; }).join("");
  }

  function aroundLine(words) {
    var around = shown.around;
    if (!around) {
      return null;
    }
    return make("p", { class: "mb-1" }, [words + " ", link("statement #" + around, "statements", around)]);
  }

  function statementPanel(row) {
    add(make("h2", { class: "h6", text: "Statement #" + shown.id }));
    if (row.inside.length) {
      add(make("p", { class: "mb-1" }, [
        "A quote inside ", link("statement #" + row.inside[0], "statements", row.inside[0]),
      ]));
    }
    add(fields([
      ["Speaker", row.speaker || "unknown speaker"],
      ["Kind", kindName(row.kind)],
      ["Meeting", meetingLabel(row.meeting_id)],
      ["Confidence", row.confidence.toFixed(2)],
      ["Status", row.status],
    ]));
    add(make("p", { class: "review-text text-muted", text: row.text }));
    add(actions(true));
    if (data.can_write) {
      add(make("div", { class: "mb-2" }, [
        button("Change words", "btn-outline-secondary", hooks.openWords),
      ]));
    }
    add(make("a", { href: row.href, text: data.can_write ? "Edit form" : "Details" }));
  }

  function mentionPanel(row) {
    add(make("h2", { class: "h6", text: "Mention of " + row.person }));
    add(fields([
      ["Words", "“" + wordsOf("mentions", shown.id) + "”"],
      ["Found as", row.how],
      ["Confidence", row.confidence.toFixed(2)],
      ["Status", row.status],
    ]));
    add(aroundLine("In"));
    var id = shown.id;
    var beside = Object.keys(data.mentions).filter(function (other) {
      var mention = data.mentions[other];
      return other !== id && mention.start === row.start && mention.end === row.end;
    });
    if (beside.length) {
      add(make("p", { class: "mb-1" }, ["The same words also name "].concat(
        beside.map(function (other) { return link(data.mentions[other].person, "mentions", other); })
      )));
    }
    add(actions(true));
    add(make("p", { class: "mb-0" }, [
      "The person's own record: ", link(row.person, "people", row.person_id),
    ]));
  }

  // The person's mentions in this article, each opening its own panel; a rejected one
  // (which names nobody) is struck through.
  function mentionsOf(personId) {
    var ids = Object.keys(data.mentions).filter(function (id) {
      return String(data.mentions[id].person_id) === String(personId);
    });
    ids.sort(function (a, b) { return data.mentions[a].start - data.mentions[b].start; });
    if (!ids.length) {
      return null;
    }
    return make("ul", { class: "list-unstyled mb-2 review-mentions" }, ids.map(function (id) {
      var words = wordsOf("mentions", id) || data.mentions[id].person;
      var entry = link("“" + words + "”", "mentions", id);
      if (data.mentions[id].status === "rejected") {
        entry.classList.add("review-rejected");
      }
      return make("li", { "data-mention": id }, [entry, " " + data.mentions[id].status]);
    }));
  }

  function personPanel(row) {
    add(make("h2", { class: "h6", text: row.name }));
    add(fields([
      ["Mentions here", String(row.mentions)],
      ["Found as", row.found_as.join(", ")],
      ["Status", row.status],
    ]));
    add(aroundLine("Mentioned in"));
    add(actions(false));
    add(mentionsOf(shown.id));
    add(make("a", { href: row.href, text: "Person page" }));
  }

  function meetingPanel(row) {
    add(make("h2", { class: "h6", text: "Meeting " + row.label }));
    add(fields([
      ["Occasion", row.occasion || "none given"],
      ["Participants", names(row.participants) || "none"],
      ["Confidence", row.confidence.toFixed(2)],
      ["Status", row.status],
    ]));
    add(actions(true));
    add(make("a", { href: row.href, text: "Meeting page" }));
  }

  function articlePanel(row) {
    add(make("h2", { class: "h6", text: "Article: " + (row.title || "no title") }));
    add(fields([
      ["Subtitle", row.subtitle || "none"],
      ["Published", (row.published || "date unknown") + (row.date_from ? " (taken from: " + row.date_from + ")" : "")],
      ["Source", row.source || "no source given"],
      ["Dateline", row.dateline_place || "none"],
      ["Status", row.status],
    ]));
    add(actions(true));
  }

  var PANELS = {
    statements: statementPanel,
    mentions: mentionPanel,
    people: personPanel,
    meetings: meetingPanel,
    articles: articlePanel,
  };

  function render() {
    panel.replaceChildren();
    shown = hooks.current();
    if (shown) {
      PANELS[shown.table](data[shown.table][shown.id]);
    }
  }

  return { render: render };
};
