// Building blocks of the reading page's review panel (article-reader.js): small DOM helpers,
// and the form that corrects a statement's speaker.
window.ParleyReader = (function () {
  "use strict";

  function make(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes.text;
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function fields(pairs) {
    var list = make("dl", { class: "row mb-2" });
    pairs.forEach(function (pair) {
      list.appendChild(make("dt", { class: "col-4", text: pair[0] }));
      list.appendChild(make("dd", { class: "col-8 mb-1", text: pair[1] }));
    });
    return list;
  }

  function button(label, css, onClick) {
    var node = make("button", { type: "button", class: "btn btn-sm " + css + " mr-1", text: label });
    node.addEventListener("click", onClick);
    return node;
  }

  function replaceClass(node, pattern, name) {
    Array.from(node.classList).forEach(function (css) {
      if (pattern.test(css)) {
        node.classList.remove(css);
      }
    });
    node.classList.add(name);
  }

  function option(value, label) {
    return make("option", { value: value, text: label });
  }

  // The speaker form: the article's own people first, then "unknown speaker", then whoever
  // a search by name finds (Flask-Admin's lookup of the statement form). onSave(speakerId).
  function speakerForm(data, speakerId, onSave, onCancel) {
    var here = make("optgroup", { label: "In this article" });
    data.speakers.forEach(function (person) { here.appendChild(option(person[0], person[1])); });
    var others = make("optgroup", { label: "Found by name" });
    var choice = make("select", { name: "speaker_id", class: "form-control form-control-sm", id: "review-speaker" }, [
      here,
      option("", "unknown speaker"),
      others,
    ]);
    choice.value = speakerId === null ? "" : String(speakerId);
    var search = make("input", {
      type: "search",
      class: "form-control form-control-sm mt-1",
      placeholder: "Someone else: type part of a name",
      "aria-label": "Find someone else by name",
    });
    var waiting = null;
    search.addEventListener("input", function () {
      window.clearTimeout(waiting);
      var typed = search.value.trim();
      waiting = window.setTimeout(function () {
        if (!typed) {
          return;
        }
        fetch(data.urls.lookup + "&query=" + encodeURIComponent(typed), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        }).then(function (response) { return response.json(); }).then(function (found) {
          others.replaceChildren();
          found.forEach(function (person) { others.appendChild(option(person[0], person[1])); });
          if (found.length) {
            choice.value = String(found[0][0]);
          }
        });
      }, 250);
    });
    var form = make("form", { class: "review-correct mb-2" }, [
      make("label", { for: "review-speaker", class: "mb-1", text: "Speaker" }),
      choice,
      search,
      make("div", { class: "mt-2" }, [
        make("button", { type: "submit", class: "btn btn-sm btn-primary mr-1", text: "Save speaker" }),
        button("Cancel", "btn-outline-secondary", onCancel),
      ]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      onSave(choice.value);
    });
    return form;
  }

  return {
    make: make,
    fields: fields,
    button: button,
    replaceClass: replaceClass,
    speakerForm: speakerForm,
  };
})();
