// The filter bar's record filters ("Speaker is", "Article is", "Meeting is"): a select2 box
// that looks records up by name as the editor types, and shows a chosen record by its name.
//
// Flask-Admin's filter script draws each filter's value as a text box and hands it to
// faForm.applyStyle with the filter's widget name; for "record-lookup" this turns the box
// into Flask-Admin's own select2 AJAX widget, asking the view's lookup (#filter-lookups
// gives its URL and the labels of the chosen records). Filters drawn before this script ran
// (those of the page's URL) are turned here.
(function ($) {
  'use strict';
  var data = document.getElementById('filter-lookups');
  if (!data || !window.faForm) {
    return;
  }
  var lookups = JSON.parse(data.textContent);

  function lookupOf($el) {
    var match = /^flt\d+_(.+)$/.exec($el.attr('name') || '');
    return match ? lookups[match[1]] : undefined;
  }

  function turn($el) {
    var lookup = lookupOf($el);
    if (!lookup || $el.data('lookupTurned')) {
      return Boolean(lookup);
    }
    var value = $el.val();
    var label = value ? lookup.labels[value] : undefined;
    $el.data('lookupTurned', true);
    $el.get(0).type = 'hidden';
    $el.attr('data-url', lookup.url);
    $el.attr('data-json', JSON.stringify(label === undefined ? null : [value, label]));
    $el.attr('data-minimum-input-length', '1');
    $el.addClass('record-lookup');
    window.faForm.applyStyle($el, 'select2-ajax');
    $el.on('change', function () {
      $('#filter_form button').removeClass('d-none');
    });
    return true;
  }

  window.faForm.addFieldConverter(function ($el, name) {
    return name === 'record-lookup' && turn($el);
  });
  $('#filter_form .filter-val').each(function () {
    turn($(this));
  });
})(jQuery);
