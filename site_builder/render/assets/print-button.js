/* "Print or save as PDF" on a view (browse_value.html): the print view of the practices
 * the page lists, in their order. The ids are the list's own (data-id), and the print
 * view (print-view.js) takes from its address nothing but ids. All practices has its own
 * in filters.js, which knows what the filters and the text box leave. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-print][data-print-list]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var list = document.getElementById(button.getAttribute("data-print-list"));
      if (!list) { return; }
      var ids = Array.prototype.map.call(list.querySelectorAll("li[data-id]"),
        function (li) { return li.getAttribute("data-id"); });
      window.location.href = button.getAttribute("data-print") + "#practices=" + ids.join(",");
    });
  });
}());
