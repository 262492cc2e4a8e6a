// What an answer from /admin/reading/ changes on the reading page (article-reader.js): the
// record's status, version and values, its highlights in the text (status, colour, title)
// and its entry in the side lists. Every text is set as text.
window.ParleyReaderPage = function (data, text) {
  "use strict";

  var replaceClass = window.ParleyReader.replaceClass;
  var STATUS = /^st-/;
  var COLOUR = /^pc-/;
  // the highlights of a record in the text, by the attribute that names it
  var ATTRIBUTES = { statements: "data-statement", mentions: "data-mention", people: "data-person" };

  function names(pairs) {
    return pairs.map(function (pair) { return pair[1]; }).join(", ");
  }

  function pieces(table, id) {
    var attribute = ATTRIBUTES[table];
    return attribute ? text.querySelectorAll("[" + attribute + '="' + id + '"]') : [];
  }

  function sideItem(table, id) {
    return document.querySelector('.side-record[data-record="' + table + '"][data-id="' + id + '"]');
  }

  function colourOf(personId) {
    if (personId === null || personId === undefined) {
      return "pc-none";
    }
    if (!data.palette[personId]) {
      data.palette[personId] = "pc-" + (Object.keys(data.palette).length % 10);
    }
    return data.palette[personId];
  }

  // A statement's speaker and kind, and its words: at a new place, its highlight moves there.
  function applyStatement(known, row, item) {
    known.speaker_id = row.speaker_id;
    known.speaker = row.speaker;
    known.kind = row.kind;
    known.text = row.text;
    if (known.start !== row.start || known.end !== row.end) {
      window.ParleyReaderWords.redraw(text, row.id, row.start, row.end, known.href);
      known.start = row.start;
      known.end = row.end;
    }
    var colour = colourOf(row.speaker_id);
    var title = "Statement " + row.id + ": " + (row.speaker || "unknown speaker") + ", " + known.kind;
    if (known.inside.length) {
      title += ", inside statement " + known.inside[0];
    }
    pieces("statements", row.id).forEach(function (node) {
      replaceClass(node, COLOUR, colour);
      node.title = title;
    });
    if (item) {
      item.querySelector(".record-speaker").textContent = row.speaker || "unknown speaker";
      item.querySelector(".record-kind").textContent = row.kind;
      item.querySelector(".record-text").textContent =
        row.text.length > 160 ? row.text.slice(0, 157) + "..." : row.text;
      replaceClass(item.querySelector(".swatch"), COLOUR, colour);
    }
  }

  // A mention that names someone else now counts for them: in the people's records, among
  // the article's people offered first, and in their colour in the text.
  function applyMention(known, row) {
    var before = data.people[known.person_id];
    if (String(known.person_id) !== String(row.person_id)) {
      if (before) {
        before.mentions -= 1;
      }
      var after = data.people[row.person_id];
      if (!after) {
        after = data.people[row.person_id] = {
          name: row.person,
          status: row.person_status,
          version: row.person_version,
          mentions: 0,
          found_as: [known.how],
          href: data.urls.person.replace("PERSON", row.person_id),
        };
      }
      after.mentions += 1;
      if (!data.speakers.some(function (pair) { return String(pair[0]) === String(row.person_id); })) {
        data.speakers.push([row.person_id, row.person]);
        data.speakers.sort(function (a, b) { return a[1] < b[1] ? -1 : 1; });
      }
    }
    known.person_id = row.person_id;
    known.person = row.person;
    pieces("mentions", row.id).forEach(function (node) {
      replaceClass(node, COLOUR, colourOf(row.person_id));
      node.dataset.person = row.person_id;
      node.title = row.person + " (" + known.how + ")";
      if (node.href) {
        node.href = data.people[row.person_id].href;
      }
    });
  }

  function applyMeeting(known, row, item) {
    known.label = row.label;
    known.held_on = row.held_on;
    known.place = row.place;
    known.occasion = row.occasion;
    known.participants = row.participants;
    if (item) {
      var occasion = item.querySelector(".record-occasion");
      occasion.textContent = row.occasion || "";
      occasion.hidden = !row.occasion;
      item.querySelector(".record-label").textContent = row.label;
      item.querySelector(".record-participants").textContent = names(row.participants) || "no participants";
    }
  }

  // The article's header: its title, subtitle, source, date and dateline as now stored.
  function applyArticle(known, row, item) {
    ["title", "subtitle", "published", "date_from", "source_id", "source", "dateline_place"].forEach(
      function (name) { known[name] = row[name]; }
    );
    if (!item) {
      return;
    }
    item.querySelector(".record-title").textContent = row.title || known.file;
    var subtitle = item.querySelector(".record-subtitle");
    subtitle.textContent = row.subtitle || "";
    subtitle.hidden = !row.subtitle;
    item.querySelector(".record-source").textContent = row.source || "no source given";
    item.querySelector(".record-published").textContent =
      (row.published || "date unknown") + (row.date_from ? " (taken from: " + row.date_from + ")" : "");
    item.querySelector(".record-dateline").textContent = "dateline " + (row.dateline_place || "none");
  }

  // The People list's counts, after a mention was rejected, put back or moved.
  function countPeople() {
    document.querySelectorAll('.side-record[data-record="people"]').forEach(function (item) {
      var person = data.people[item.dataset.id];
      if (person) {
        item.querySelector(".record-mentions").textContent = String(person.mentions);
      }
    });
  }

  function apply(table, row) {
    var known = row && data[table][row.id];
    if (!known) {
      return;
    }
    var person = table === "mentions" && data.people[known.person_id];
    if (person && (known.status === "rejected") !== (row.status === "rejected")) {
      person.mentions += row.status === "rejected" ? -1 : 1; // a rejected mention names nobody
    }
    known.status = row.status;
    known.version = row.version;
    if (table === "statements" || table === "mentions") {
      pieces(table, row.id).forEach(function (node) { replaceClass(node, STATUS, "st-" + row.status); });
    }
    var item = sideItem(table, row.id);
    if (item) {
      var badge = item.querySelector(".record-status");
      badge.textContent = row.status;
      replaceClass(badge, /^status-/, "status-" + row.status);
    }
    if (table === "statements" && "speaker_id" in row) {
      applyStatement(known, row, item);
    } else if (table === "mentions" && "person_id" in row) {
      applyMention(known, row);
    } else if (table === "meetings" && "label" in row) {
      applyMeeting(known, row, item);
    } else if (table === "articles" && "title" in row) {
      applyArticle(known, row, item);
    }
    if (table === "mentions") {
      countPeople();
    }
  }

  return { pieces: pieces, sideItem: sideItem, apply: apply };
};
