// The reading page: review the highlighted records in the side panel, without reloading.
// Clicking a highlight or a side-list entry opens its record; j/k move between statements,
// c confirms, r rejects, e corrects the speaker, u undoes the last change. Each change is a
// small form posted to /admin/reading/ with the CSRF token and the version the page saw.
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
  var make = parts.make;
  var fields = parts.fields;
  var button = parts.button;
  var replaceClass = parts.replaceClass;
  var data = JSON.parse(source.textContent);
  var text = document.getElementById("article-text");
  var panel = document.getElementById("review-record");
  var messageLine = document.getElementById("review-message");
  var undoButton = document.getElementById("review-undo");
  var STATUS = /^st-/;
  var COLOUR = /^pc-/;
  var order = [];
  text.querySelectorAll("[data-statement]").forEach(function (piece) {
    if (order.indexOf(piece.dataset.statement) === -1) {
      order.push(piece.dataset.statement);
    }
  });
  var current = null; // {table, id, around}: the record in the panel
  var undoable = []; // {revision, table, id, message}: the changes made here, newest last
  var queue = Promise.resolve(); // changes are sent one after another, in the order asked

  // -- building the panel ------------------------------------------------------------------

  function actions(correct) {
    if (!data.can_write) {
      return null;
    }
    return make("div", { class: "mb-2" }, [
      button("Confirm", "btn-success", function () { decide("reviewed"); }),
      button("Reject", "btn-outline-danger", function () { decide("rejected"); }),
      correct ? button("Correct", "btn-outline-secondary", openCorrect) : null,
    ]);
  }

  function meetingLabel(id) {
    if (id === null || id === undefined) {
      return "none";
    }
    var meeting = data.meetings[id];
    return meeting ? meeting.label : "meeting #" + id;
  }

  function render() {
    panel.replaceChildren();
    if (!current) {
      return;
    }
    var row = data[current.table][current.id];
    if (current.table === "statements") {
      var title = "Statement #" + current.id;
      panel.appendChild(make("h2", { class: "h6", text: title }));
      if (row.inside.length) {
        panel.appendChild(make("p", { class: "mb-1" }, [
          "A quote inside ",
          button("statement #" + row.inside[0], "btn-link p-0 align-baseline", function () {
            select("statements", row.inside[0], true);
          }),
        ]));
      }
      panel.appendChild(fields([
        ["Speaker", row.speaker || "unknown speaker"],
        ["Kind", row.kind],
        ["Meeting", meetingLabel(row.meeting_id)],
        ["Confidence", row.confidence.toFixed(2)],
        ["Status", row.status],
      ]));
      panel.appendChild(make("p", { class: "review-text text-muted", text: row.text }));
      panel.appendChild(actions(true));
      panel.appendChild(make("a", { href: row.href, text: data.can_write ? "Edit form" : "Details" }));
    } else if (current.table === "people") {
      panel.appendChild(make("h2", { class: "h6", text: row.name }));
      panel.appendChild(fields([
        ["Mentions here", String(row.mentions)],
        ["Found as", row.found_as.join(", ")],
        ["Status", row.status],
      ]));
      if (current.around) {
        var around = current.around;
        panel.appendChild(make("p", { class: "mb-2" }, [
          "Mentioned in ",
          button("statement #" + around, "btn-link p-0 align-baseline", function () {
            select("statements", around, true);
          }),
        ]));
      }
      panel.appendChild(actions(false));
      panel.appendChild(make("a", { href: row.href, text: "Person page" }));
    } else {
      panel.appendChild(make("h2", { class: "h6", text: "Meeting " + row.label }));
      panel.appendChild(fields([
        ["Occasion", row.occasion || "none given"],
        ["Participants", row.participants.join(", ") || "none"],
        ["Confidence", row.confidence.toFixed(2)],
        ["Status", row.status],
      ]));
      panel.appendChild(actions(false));
      panel.appendChild(make("a", { href: row.href, text: "Meeting page" }));
    }
  }

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

  function pieces(table, id) {
    var attribute = { statements: "data-statement", people: "data-mention" }[table];
    return attribute ? text.querySelectorAll("[" + attribute + '="' + id + '"]') : [];
  }

  function sideItem(table, id) {
    return document.querySelector('.side-record[data-record="' + table + '"][data-id="' + id + '"]');
  }

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

  function post(url, values) {
    var body = new URLSearchParams(values);
    body.append("csrf_token", data.csrf_token);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().catch(function () {
        return { error: "The server answered " + response.status + "; nothing was changed." };
      }).then(function (answer) {
        if (answer.csrf_token) {
          data.csrf_token = answer.csrf_token;
        }
        if (!response.ok) {
          throw answer;
        }
        return answer;
      });
    });
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

  function apply(table, row) {
    var known = row && data[table][row.id];
    if (!known) {
      return;
    }
    known.status = row.status;
    known.version = row.version;
    pieces(table, row.id).forEach(function (node) {
      if (table === "statements") {
        replaceClass(node, STATUS, "st-" + row.status);
      }
    });
    var item = sideItem(table, row.id);
    if (item) {
      var badge = item.querySelector(".record-status");
      badge.textContent = row.status;
      replaceClass(badge, /^status-/, "status-" + row.status);
    }
    if (table === "statements" && "speaker_id" in row) {
      known.speaker_id = row.speaker_id;
      known.speaker = row.speaker;
      var colour = colourOf(row.speaker_id);
      var title = "Statement " + row.id + ": " + (row.speaker || "unknown speaker") + ", " + known.kind;
      if (known.inside.length) {
        title += ", inside statement " + known.inside[0];
      }
      pieces(table, row.id).forEach(function (node) {
        replaceClass(node, COLOUR, colour);
        node.title = title;
      });
      if (item) {
        item.querySelector(".record-speaker").textContent = row.speaker || "unknown speaker";
        replaceClass(item.querySelector(".swatch"), COLOUR, colour);
      }
    }
  }

  function send(url, values, table, id) {
    queue = queue.then(function () {
      return post(url(), values()).then(function (answer) {
        apply(table, answer.row);
        if (answer.revision) {
          undoable.push({ revision: answer.revision, table: table, id: id, message: answer.message });
        }
        say(answer.message);
      }, function (refusal) {
        apply(table, refusal && refusal.row);
        say((refusal && refusal.error) || "Not saved: the server could not be reached.", true);
      }).then(function () {
        showUndo();
        if (current && current.table === table && current.id === String(id)) {
          render();
        }
      });
    });
    return queue;
  }

  function decide(verdict) {
    if (!current || !data.can_write) {
      return;
    }
    var table = current.table;
    var id = current.id;
    send(
      function () { return data.urls.verdict.replace("TABLE/0", table + "/" + id); },
      function () { return { verdict: verdict, version_id: data[table][id].version }; },
      table,
      id
    );
  }

  function correctSpeaker(id, speakerId) {
    send(
      function () { return data.urls.speaker.replace("/0/", "/" + id + "/"); },
      function () { return { speaker_id: speakerId, version_id: data.statements[id].version }; },
      "statements",
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
      return post(data.urls.undo.replace(/\/0$/, "/" + last.revision), {}).then(function (answer) {
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
    if (!current || current.table !== "statements" || !data.can_write) {
      return;
    }
    render();
    var id = current.id;
    var form = parts.speakerForm(data, data.statements[id].speaker_id, function (speakerId) {
      correctSpeaker(id, speakerId);
    }, render);
    panel.appendChild(form);
    form.querySelector("select").focus();
  }

  // -- mouse, keys and links ------------------------------------------------------------

  text.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a new tab or window still opens the link
    }
    var link = event.target.closest("a.hl");
    if (!link) {
      return;
    }
    event.preventDefault();
    if (link.dataset.mention) {
      var statement = link.closest("[data-statement]");
      select("people", link.dataset.mention, false, statement && statement.dataset.statement);
    } else {
      select("statements", link.dataset.statement, false);
    }
  });

  document.querySelectorAll(".side-record").forEach(function (item) {
    item.addEventListener("click", function (event) {
      var act = event.target.closest("[data-act]");
      if (event.target.closest("a") && !act) {
        return;
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
      u: undo,
      Escape: render,
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  function fromAddress() {
    var named = /^#(statement|meeting)-(\d+)$/.exec(window.location.hash);
    var asked = new URLSearchParams(window.location.search).get("statement");
    if (named) {
      select(named[1] === "statement" ? "statements" : "meetings", named[2], true);
    } else if (asked && /^\d+$/.test(asked)) {
      select("statements", asked, true);
    }
  }

  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
