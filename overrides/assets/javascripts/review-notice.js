/* Shows "This page is due for review" once a page's review date has passed.
   The site is built once and read for months: the build shows the notice on pages that
   were already overdue then (and that works without JavaScript); this shows it on pages
   that became overdue since, by comparing the page's review date with today's date. */
(function () {
  "use strict";

  function isoToday() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var day = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + day;
  }

  function showOverdueNotices() {
    var today = isoToday();
    document.querySelectorAll(".review-notice[data-review-due]").forEach(function (notice) {
      // YYYY-MM-DD dates compare correctly as text. Overdue means the due day has passed.
      if (notice.getAttribute("data-review-due") < today) {
        notice.hidden = false;
      }
    });
  }

  // Material's document$ also fires after instant navigation, if that is ever turned on.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(showOverdueNotices);
  } else {
    showOverdueNotices();
  }
})();
