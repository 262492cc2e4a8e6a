// Choosing words by selecting them: window.ParleySpan.chosen(box) gives where the selected
// words start and end in a box of text, blanks at either end left out. Offsets count
// characters (code points), as Python does. The statement edit form uses it here to set its
// start, end and text; the reading page's "Change words" (article-reader-words.js) too.
window.ParleySpan = (function () {
  "use strict";

  function before(box, node, at) {
    var range = document.createRange();
    range.selectNodeContents(box);
    range.setEnd(node, at);
    return Array.from(range.toString()).length;
  }

  // {from, to} of the selection inside box, or null when nothing of it is selected.
  function chosen(box) {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) {
      return null;
    }
    var whole = Array.from(box.textContent);
    var from = before(box, range.startContainer, range.startOffset);
    var to = before(box, range.endContainer, range.endOffset);
    while (from < to && /\s/.test(whole[from])) {
      from += 1;
    }
    while (to > from && /\s/.test(whole[to - 1])) {
      to -= 1;
    }
    return from < to ? { from: from, to: to } : null;
  }

  return { chosen: chosen };
})();

(function () {
  "use strict";
  var box = document.getElementById("span-context");
  var start = document.getElementById("start_char");
  var end = document.getElementById("end_char");
  var text = document.getElementById("text");
  if (!box || !start || !end || !text) {
    return;
  }
  var offset = parseInt(box.dataset.offset, 10);
  var whole = Array.from(box.textContent);

  function show(from, to) {
    var mark = document.createElement("mark");
    mark.id = "span-words";
    mark.textContent = whole.slice(from, to).join("");
    box.replaceChildren(
      document.createTextNode(whole.slice(0, from).join("")),
      mark,
      document.createTextNode(whole.slice(to).join(""))
    );
  }

  function choose() {
    var span = window.ParleySpan.chosen(box);
    if (!span) {
      return;
    }
    start.value = offset + span.from;
    end.value = offset + span.to;
    text.value = whole.slice(span.from, span.to).join("");
    window.getSelection().removeAllRanges();
    show(span.from, span.to);
  }

  box.addEventListener("mouseup", choose);
  box.addEventListener("keyup", choose);
})();
