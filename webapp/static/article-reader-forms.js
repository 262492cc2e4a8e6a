// The reading page's correction forms, opened in the review panel (article-reader.js): a
// statement's speaker and kind (its words: article-reader-words.js), whom a mention names, a meeting's date, place, occasion and
// participants, and the article's own details.
// Each calls onSave with the values to post, or onCancel; none posts by itself.
window.ParleyReaderForms = (function () {
  "use strict";

  var parts = window.ParleyReader;
  var make = parts.make;
  var button = parts.button;

  function buttons(saveLabel, onCancel) {
    return make("div", { class: "mt-2" }, [
      make("button", { type: "submit", class: "btn btn-sm btn-primary mr-1", text: saveLabel }),
      button("Cancel", "btn-outline-secondary", onCancel),
    ]);
  }

  function form(children, onSubmit) {
    var node = make("form", { class: "review-correct mb-2" }, children);
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      onSubmit();
    });
    return node;
  }

  // The speaker: one of the article's people, nobody ("unknown speaker"), or someone found;
  // and the kind: direct quote, indirect speech or transcript turn.
  function speakerForm(data, statement, onSave, onCancel) {
    var picker = parts.personPicker(data, {
      id: "review-speaker",
      name: "speaker_id",
      label: "Speaker",
      selected: statement.speaker_id,
      unknown: "unknown speaker",
    });
    var kind = make("select", { id: "review-kind", name: "kind", class: "form-control form-control-sm" },
      data.kinds.map(function (pair) { return parts.option(pair[0], pair[1]); }));
    kind.value = statement.kind;
    var node = form(picker.nodes.concat(
      labelled("review-kind", "Kind", kind),
      [buttons("Save speaker and kind", onCancel)]
    ), function () {
      onSave({ speaker_id: picker.choice.value, kind: kind.value });
    });
    node.focusFirst = function () { picker.choice.focus(); };
    return node;
  }

  // Whom a mention names: always somebody; words that name nobody are rejected instead.
  function mentionForm(data, personId, onSave, onCancel) {
    var picker = parts.personPicker(data, {
      id: "review-mention-person",
      name: "person_id",
      label: "These words name",
      selected: personId,
    });
    var node = form(picker.nodes.concat([buttons("Save person", onCancel)]), function () {
      onSave({ person_id: picker.choice.value });
    });
    node.focusFirst = function () { picker.choice.focus(); };
    return node;
  }

  // A meeting: its date as people write one (empty: undated), its place, and who took
  // part, each removed with its button or added from the person picker.
  function textBox(id, name, value, placeholder) {
    var box = make("input", {
      type: "text",
      id: id,
      name: name,
      class: "form-control form-control-sm",
      placeholder: placeholder,
      autocomplete: "off",
    });
    box.value = value || "";
    return box;
  }

  function labelled(id, text, control) {
    return [make("label", { for: id, class: "mb-1 mt-1", text: text }), control];
  }

  // The article's own record: title, subtitle, publication date as people write one
  // (empty: unknown), its source (one of the sources, or none) and its dateline place.
  function articleForm(data, article, onSave, onCancel) {
    var title = textBox("review-title", "title", article.title, "");
    var subtitle = textBox("review-subtitle", "subtitle", article.subtitle, "none");
    var published = textBox("review-published", "published", article.published, "3 Feb 2023");
    var source = make("select", { id: "review-source", name: "source_id", class: "form-control form-control-sm" }, [
      parts.option("", "no source given"),
    ].concat(data.sources.map(function (pair) { return parts.option(pair[0], pair[1]); })));
    source.value = article.source_id === null ? "" : String(article.source_id);
    var dateline = textBox("review-dateline", "dateline_place", article.dateline_place, "Moscow");
    var node = form([].concat(
      labelled("review-title", "Title", title),
      labelled("review-subtitle", "Subtitle", subtitle),
      labelled("review-published", "Publication date", published),
      labelled("review-source", "Source", source),
      labelled("review-dateline", "Dateline place", dateline),
      [buttons("Save details", onCancel)]
    ), function () {
      onSave({
        title: title.value,
        subtitle: subtitle.value,
        published: published.value,
        source_id: source.value,
        dateline_place: dateline.value,
      });
    });
    node.focusFirst = function () { title.focus(); };
    return node;
  }

  function meetingForm(data, meeting, onSave, onCancel) {
    var people = meeting.participants.map(function (pair) { return [String(pair[0]), pair[1]]; });
    var date = make("input", {
      type: "text",
      id: "review-date",
      name: "held_on",
      class: "form-control form-control-sm",
      placeholder: "3 Feb 2023",
      autocomplete: "off",
    });
    date.value = meeting.held_on || "";
    var place = make("input", {
      type: "text",
      id: "review-place",
      name: "place",
      class: "form-control form-control-sm",
      placeholder: "Almaty",
      autocomplete: "off",
    });
    place.value = meeting.place || "";
    var occasion = textBox("review-occasion", "occasion", meeting.occasion, "a state visit");
    var list = make("ul", { class: "list-unstyled mb-1 review-participants" });

    function showPeople() {
      list.replaceChildren();
      people.forEach(function (person, index) {
        var remove = button("Remove", "btn-link p-0 ml-1 align-baseline", function () {
          people.splice(index, 1);
          showPeople();
        });
        remove.setAttribute("aria-label", "Remove " + person[1]);
        list.appendChild(make("li", { "data-person": person[0] }, [person[1], remove]));
      });
      if (!people.length) {
        list.appendChild(make("li", { class: "text-muted", text: "nobody" }));
      }
    }

    var picker = parts.personPicker(data, {
      id: "review-participant",
      name: "participant",
      label: "Add a participant",
    });
    function add() {
      var id = picker.choice.value;
      var known = people.some(function (person) { return person[0] === id; });
      if (id && !known) {
        people.push([id, parts.chosenName(picker.choice)]);
        showPeople();
      }
    }
    picker.search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter in the search adds whom it found
        add();
      }
    });
    showPeople();
    var node = form([
      make("label", { for: "review-date", class: "mb-1", text: "Date" }),
      date,
      make("label", { for: "review-place", class: "mb-1 mt-1", text: "Place" }),
      place,
    ].concat(labelled("review-occasion", "Occasion", occasion), [
      make("div", { class: "mb-1 mt-1", text: "Participants" }),
      list,
    ], picker.nodes, [
      button("Add", "btn-outline-secondary mt-1", add),
      buttons("Save meeting", onCancel),
    ]), function () {
      var values = [["held_on", date.value], ["place", place.value], ["occasion", occasion.value]];
      people.forEach(function (person) { values.push(["participant_id", person[0]]); });
      onSave(values);
    });
    node.focusFirst = function () { date.focus(); };
    return node;
  }

  return {
    speakerForm: speakerForm,
    mentionForm: mentionForm,
    meetingForm: meetingForm,
    articleForm: articleForm,
  };
})();
