// Shows the "Print this page" button on printable sheets and makes it print.
// Without JavaScript the button stays hidden: the browser's own Print still works.
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
