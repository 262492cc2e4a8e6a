// A statement's new words on the reading page (article-reader.js): the panel's "Change
// words" form, where the editor selects the words in the article text (their place found by
// statement-span.js, as on the statement edit form), and the redrawing of the statement's
// highlight at its new place once saved. The page posts only where the words start and end;
// the server saves the article's own words there. Every text is set as text.
window.ParleyReaderWords = (function () {
  "use strict";

  var parts = window.ParleyReader;
  var make = parts.make;

  // The form: onSave({start_char, end_char}) once words are selected, or onCancel.
  function form(text, statement, onSave, onCancel) {
    var chosen = null;
    var words = make("blockquote", {
      class: "review-words border-left pl-2 mb-1",
      id: "review-words",
      text: statement.text,
    });
    var hint = make("p", {
      class: "mb-1 small text-muted",
      text: "Select the statement's words in the article text, then save.",
    });
    var save = make("button", { type: "submit", class: "btn btn-sm btn-primary mr-1", text: "Save words" });
    save.disabled = true;
    var node = make("form", { class: "review-correct review-change-words mb-2" }, [
      make("div", { class: "mb-1", text: "Words" }),
      words,
      hint,
      make("div", { class: "mt-2" }, [save, parts.button("Cancel", "btn-outline-secondary", onCancel)]),
    ]);

    function choose() {
      if (!node.isConnected) {
        text.removeEventListener("mouseup", choose);
        text.removeEventListener("keyup", choose);
        return;
      }
      var span = window.ParleySpan.chosen(text);
      if (!span) {
        return;
      }
      chosen = span;
      words.textContent = Array.from(text.textContent).slice(span.from, span.to).join("");
      hint.textContent = "Characters " + span.from + "–" + span.to + ". Save them, or select others.";
      save.disabled = false;
    }

    text.addEventListener("mouseup", choose);
    text.addEventListener("keyup", choose);
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      if (chosen) {
        window.getSelection().removeAllRanges();
        onSave({ start_char: chosen.from, end_char: chosen.to });
      }
    });
    node.focusFirst = function () { save.focus(); };
    return node;
  }

  // Split a text node so that only characters (code points) from..to of it are in the
  // node returned.
  function cut(node, from, to) {
    var chars = Array.from(node.data);
    var lead = chars.slice(0, from).join("").length;
    var piece = lead ? node.splitText(lead) : node;
    var keep = chars.slice(from, to).join("").length;
    if (keep < piece.data.length) {
      piece.splitText(keep);
    }
    return piece;
  }

  // Move statement id's highlight to characters start..end of the text: its old pieces
  // are unwrapped, and each piece of text in the new span wrapped like them. A piece inside
  // another link (a mention's) is wrapped in a span, so that no link sits in another.
  function redraw(text, id, start, end, href) {
    var old = Array.from(text.querySelectorAll('[data-statement="' + id + '"]'));
    if (!old.length) {
      return;
    }
    var model = old[0];
    old.forEach(function (node) { node.replaceWith.apply(node, Array.from(node.childNodes)); });
    text.normalize();
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    var at = 0;
    var first = true;
    nodes.forEach(function (node) {
      var from = at;
      at += Array.from(node.data).length;
      var a = Math.max(from, start);
      var b = Math.min(at, end);
      if (a >= b) {
        return;
      }
      var piece = cut(node, a - from, b - from);
      var inLink = piece.parentNode.closest("a");
      var wrap = make(inLink ? "span" : "a", {
        class: model.className,
        title: model.title,
        "data-statement": id,
      });
      if (!inLink) {
        wrap.href = href;
      }
      if (first) {
        wrap.id = "statement-" + id;
        first = false;
      }
      piece.parentNode.insertBefore(wrap, piece);
      wrap.appendChild(piece);
    });
  }

  return { form: form, redraw: redraw };
})();
