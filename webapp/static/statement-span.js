// The statement edit form: selecting words in the text around the statement sets
// its start, end and text. Offsets count characters (code points), as Python does.
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

  function before(node, at) {
    var range = document.createRange();
    range.selectNodeContents(box);
    range.setEnd(node, at);
    return Array.from(range.toString()).length;
  }

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
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) {
      return;
    }
    var from = before(range.startContainer, range.startOffset);
    var to = before(range.endContainer, range.endOffset);
    while (from < to && /\s/.test(whole[from])) {
      from += 1;
    }
    while (to > from && /\s/.test(whole[to - 1])) {
      to -= 1;
    }
    if (from >= to) {
      return;
    }
    start.value = offset + from;
    end.value = offset + to;
    text.value = whole.slice(from, to).join("");
    selection.removeAllRanges();
    show(from, to);
  }

  box.addEventListener("mouseup", choose);
  box.addEventListener("keyup", choose);
})();
