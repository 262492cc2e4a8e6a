// The reading page: review the highlighted records in the side panel, without reloading.
// Clicking a highlight or a side-list entry opens its record; j/k move between statements,
// c confirms, r rejects, e corrects (a statement's speaker and kind, whom a mention names, a meeting's
// date, place, occasion and participants, the article's own details), w changes a statement's
// words (selected in the text), u undoes the last change.
// The article's header opens the article's record; a person in the People list, theirs.
// Each change is a small form posted to /admin/reading/ with the CSRF token and the version
// the page saw.
// The panel is built by article-reader-panels.js, an answer shown by article-reader-page.js,
// the forms are in article-reader-forms.js (a statement's words: article-reader-words.js) and
// the DOM helpers in article-reader-parts.js.
(function () {
  "use strict";

  // Ask before a form marked data-confirm is sent (the article's delete button).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  var source = document.getElementById("reader-data");
  if (!source) {
    return;
  }
  var parts = window.ParleyReader;
  var forms = window.ParleyReaderForms;
  var data = JSON.parse(source.textContent);
  var text = document.getElementById("article-text");
  var panel = document.getElementById("review-record");
  var messageLine = document.getElementById("review-message");
  var undoButton = document.getElementById("review-undo");
  // the correction each kind of record takes, by its URL in data.urls
  var CORRECTIONS = {
    statements: "speaker",
    mentions: "mention_person",
    meetings: "meeting",
    articles: "article",
  };
  var order = [];
  text.querySelectorAll("[data-statement]").forEach(function (piece) {
    if (order.indexOf(piece.dataset.statement) === -1) {
      order.push(piece.dataset.statement);
    }
  });
  var current = null; // {table, id, around}: the record in the panel
  var undoable = []; // {revision, table, id, message}: the changes made here, newest last
  var queue = Promise.resolve(); // changes are sent one after another, in the order asked

  var page = window.ParleyReaderPage(data, text);
  var pieces = page.pieces;
  var sideItem = page.sideItem;
  var apply = page.apply;
  var panels = window.ParleyReaderPanels(data, panel, page, {
    current: function () { return current; },
    select: function (table, id, scroll) { select(table, id, scroll); },
    decide: function (verdict) { decide(verdict); },
    openCorrect: function () { openCorrect(); },
    openWords: function () { openWords(); },
  });
  var render = panels.render;

  function say(message, error) {
    messageLine.textContent = message || "";
    messageLine.classList.toggle("text-danger", Boolean(error));
    messageLine.classList.toggle("text-success", Boolean(message) && !error);
  }

  function showUndo() {
    if (!undoButton) {
      return;
    }
    var last = undoable[undoable.length - 1];
    undoButton.hidden = !last;
    var what = last ? last.message.charAt(0).toLowerCase() + last.message.slice(1) : "";
    undoButton.textContent = last ? "Undo: " + what : "Undo";
  }

  // -- choosing a record ---------------------------------------------------------------

  function visible(node) {
    var box = node.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }

  function select(table, id, scroll, around) {
    if (!data[table] || !data[table][id]) {
      return;
    }
    document.querySelectorAll(".hl-current").forEach(function (node) {
      node.classList.remove("hl-current");
    });
    document.querySelectorAll(".record-current").forEach(function (node) {
      node.classList.remove("record-current");
    });
    current = { table: table, id: String(id), around: around || null };
    var found = pieces(table, id);
    found.forEach(function (node) { node.classList.add("hl-current"); });
    var item = sideItem(table, id);
    if (item) {
      item.classList.add("record-current");
    }
    if (scroll) {
      var target = found.length ? found[0] : item;
      if (target && !visible(target)) {
        target.scrollIntoView({ block: "center" });
      }
    }
    render();
  }

  function move(step) {
    if (!order.length) {
      return;
    }
    var at = current && current.table === "statements" ? order.indexOf(current.id) : -1;
    var next = at === -1 ? (step > 0 ? 0 : order.length - 1) : at + step;
    next = Math.max(0, Math.min(order.length - 1, next));
    select("statements", order[next], true);
  }

  // -- changes -----------------------------------------------------------------------------

  function send(url, values, table, id) {
    queue = queue.then(function () {
      var keep = false;
      return parts.post(data, url(), values()).then(function (answer) {
        apply(table, answer.row);
        if (answer.revision) {
          undoable.push({ revision: answer.revision, table: table, id: id, message: answer.message });
        }
        say(answer.message);
      }, function (refusal) {
        apply(table, refusal && refusal.row);
        say((refusal && refusal.error) || "Not saved: the server could not be reached.", true);
        // a value the server could not use: the form stays open, as typed, to be put right
        keep = Boolean(refusal && refusal.status === 400 && panel.querySelector(".review-correct"));
      }).then(function () {
        showUndo();
        if (!keep && current && current.table === table && current.id === String(id)) {
          render();
        }
      });
    });
    return queue;
  }

  function withVersion(values, table, id) {
    var pairs = Array.isArray(values) ? values.slice() : Object.keys(values).map(function (name) {
      return [name, values[name]];
    });
    pairs.push(["version_id", data[table][id].version]);
    return pairs;
  }

  function decide(verdict) {
    if (!current || !data.can_write) {
      return;
    }
    var table = current.table;
    var id = current.id;
    send(
      function () { return data.urls.verdict.replace("TABLE/0", table + "/" + id); },
      function () { return withVersion({ verdict: verdict }, table, id); },
      table,
      id
    );
  }

  function correct(table, id, values) {
    send(
      function () { return data.urls[CORRECTIONS[table]].replace("/0/", "/" + id + "/"); },
      function () { return withVersion(values, table, id); },
      table,
      id
    );
  }

  function undo() {
    if (!data.can_write) {
      return;
    }
    queue = queue.then(function () {
      var last = undoable.pop();
      if (!last) {
        return null;
      }
      return parts.post(data, data.urls.undo.replace(/\/0$/, "/" + last.revision), {}).then(function (answer) {
        apply(last.table, answer.row);
        say(answer.message);
      }, function (refusal) {
        apply(last.table, refusal && refusal.row);
        say((refusal && refusal.error) || "Not undone: the server could not be reached.", true);
      }).then(function () {
        showUndo();
        select(last.table, last.id, true);
      });
    });
  }

  function openCorrect() {
    if (!current || !CORRECTIONS[current.table] || !data.can_write) {
      return;
    }
    var table = current.table;
    var id = current.id;
    var row = data[table][id];
    var save = function (values) { correct(table, id, values); };
    var form = {
      statements: function () { return forms.speakerForm(data, row, save, render); },
      mentions: function () { return forms.mentionForm(data, row.person_id, save, render); },
      meetings: function () { return forms.meetingForm(data, row, save, render); },
      articles: function () { return forms.articleForm(data, row, save, render); },
    }[table]();
    render();
    panel.appendChild(form);
    form.focusFirst();
  }

  // New words for the statement in the panel, selected in the text.
  function openWords() {
    if (!current || current.table !== "statements" || !data.can_write) {
      return;
    }
    var id = current.id;
    var form = window.ParleyReaderWords.form(text, data.statements[id], function (values) {
      send(
        function () { return data.urls.words.replace("/0/", "/" + id + "/"); },
        function () { return withVersion(values, "statements", id); },
        "statements",
        id
      );
    }, render);
    render();
    panel.appendChild(form);
    form.focusFirst();
  }

  // -- mouse, keys and links ------------------------------------------------------------

  text.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a new tab or window still opens the link
    }
    var target = event.target.closest("a.hl");
    if (!target) {
      return;
    }
    event.preventDefault();
    if (!window.getSelection().isCollapsed) {
      return; // words being selected, for a statement's new words: the panel stays
    }
    if (target.dataset.mention) {
      var statement = target.closest("[data-statement]");
      select("mentions", target.dataset.mention, false, statement && statement.dataset.statement);
    } else {
      select("statements", target.dataset.statement, false);
    }
  });

  document.querySelectorAll(".side-record").forEach(function (item) {
    item.addEventListener("click", function (event) {
      var act = event.target.closest("[data-act]");
      var link = event.target.closest("a");
      if (link && !act && !link.hasAttribute("data-panel")) {
        return;
      }
      if (link && (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)) {
        return; // a new tab or window still opens the link
      }
      if (link) {
        event.preventDefault(); // the record opens in the panel; the panel links to its page
      }
      select(item.dataset.record, item.dataset.id, true);
      if (act && act.dataset.act === "correct") {
        openCorrect();
      } else if (act) {
        decide(act.dataset.act);
      }
    });
  });

  if (undoButton) {
    undoButton.addEventListener("click", undo);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.target.closest("input, select, textarea, [contenteditable]")) {
      if (event.key === "Escape") {
        render();
      }
      return;
    }
    var keys = {
      j: function () { move(1); },
      k: function () { move(-1); },
      c: function () { decide("reviewed"); },
      r: function () { decide("rejected"); },
      e: openCorrect,
      w: openWords,
      u: undo,
      Escape: render,
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  function fromAddress() {
    var named = /^#(statement|meeting|mention)-(\d+)$/.exec(window.location.hash);
    var asked = new URLSearchParams(window.location.search).get("statement");
    if (named) {
      select(named[1] + "s", named[2], true);
    } else if (asked && /^\d+$/.test(asked)) {
      select("statements", asked, true);
    }
  }

  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
