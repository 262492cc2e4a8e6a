// Building blocks of the reading page's review panel (article-reader.js and its forms in
// article-reader-forms.js): small DOM helpers, the JSON post, and the choice of a person.
// Every text shown is set as text, never as markup.
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

  // Post a form to one of the /admin/reading/ endpoints with the page's CSRF token; the
  // answer's fresh token replaces it. A refusal is thrown as the answer, with its status.
  function post(data, url, values) {
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
          answer.status = response.status;
          throw answer;
        }
        return answer;
      });
    });
  }

  // A person chosen from the article's own people first, then (settings.unknown, if given)
  // nobody, then whoever a search by name finds (Flask-Admin's lookup of the statement form).
  // settings: {id, name, label, selected, unknown}. Gives {choice, search, nodes}.
  function personPicker(data, settings) {
    var here = make("optgroup", { label: "In this article" });
    data.speakers.forEach(function (person) { here.appendChild(option(person[0], person[1])); });
    var others = make("optgroup", { label: "Found by name" });
    var choice = make("select", { name: settings.name, class: "form-control form-control-sm", id: settings.id }, [
      here,
      settings.unknown ? option("", settings.unknown) : null,
      others,
    ]);
    if (settings.selected !== undefined) {
      choice.value = settings.selected === null ? "" : String(settings.selected);
    }
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
    var label = make("label", { for: settings.id, class: "mb-1", text: settings.label });
    return { choice: choice, search: search, nodes: [label, choice, search] };
  }

  function chosenName(choice) {
    var picked = choice.options[choice.selectedIndex];
    return picked ? picked.textContent : "";
  }

  return {
    make: make,
    fields: fields,
    button: button,
    replaceClass: replaceClass,
    option: option,
    post: post,
    personPicker: personPicker,
    chosenName: chosenName,
  };
})();
