// Progressive enhancement shared by every page; the pages work without it.
(function () {
  "use strict";
  // Filters start folded on narrow screens (they are open without JavaScript).
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia("(max-width: 900px)").matches) {
    filters.open = false;
  }
})();
