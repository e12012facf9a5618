/* Quick exit ("Leave this site"), after GOV.UK's "Exit this page" component.

   Without JavaScript the controls are plain links to a neutral site. With it, leaving:
   1. clears everything this site keeps in the browser's storage (Material keeps the
      colour scheme and similar settings in localStorage and sessionStorage, under keys
      such as "/.__palette": the site's path, a dot, then the setting);
   2. blanks the page at once, so nothing stays on screen while the next site loads;
   3. replaces this page in the tab's history (location.replace), so Back does not
      come back to it.
   Pressing Shift three times does the same, each press within 5 seconds of the last.
   As on GOV.UK, left and right Shift both count, any other key starts the count again,
   and Shift held down to type a capital letter does not count.
   What quick exit cannot do is explained on the "Browsing safely" page. */
(function () {
  "use strict";

  var PRESSES = 3;
  var SECONDS_BETWEEN_PRESSES = 5;
  var controls = document.querySelectorAll("a[data-quick-exit]");
  var status = document.querySelector("[data-quick-exit-status]");
  if (!controls.length) {
    return;
  }
  var destination = controls[0].href;

  function forgetStorage() {
    ["localStorage", "sessionStorage"].forEach(function (name) {
      try {
        // The whole origin: safer than guessing keys, and this site's own origin in
        // normal use. (On a shared github.io origin this also clears other sites' keys.)
        window[name].clear();
      } catch (error) {
        // Storage switched off or blocked: then there is nothing of ours to clear.
      }
    });
  }

  function leave() {
    forgetStorage();
    document.title = "Loading";
    document.body.textContent = "";
    window.location.replace(destination);
  }

  controls.forEach(function (control) {
    control.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  // Shift three times. Counted on keyup, as GOV.UK does: Shift used as a modifier
  // (Shift+A) sends a keyup for "A" with shiftKey set first, and that Shift is ignored.
  var presses = 0;
  var timer = null;
  var lastKeyHadShift = false;

  function show(message) {
    controls.forEach(function (control) {
      control.setAttribute("data-presses", String(presses));
    });
    if (status) {
      status.textContent = message;
    }
  }

  function startAgain() {
    window.clearTimeout(timer);
    timer = null;
    presses = 0;
    show("");
  }

  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyHadShift) {
      presses += 1;
      window.clearTimeout(timer);
      if (presses >= PRESSES) {
        leave();
        return;
      }
      var left = PRESSES - presses;
      show("Shift: press " + left + " more " + (left === 1 ? "time" : "times") + " to leave this site.");
      timer = window.setTimeout(startAgain, SECONDS_BETWEEN_PRESSES * 1000);
    } else if (presses) {
      startAgain();
    }
    lastKeyHadShift = event.shiftKey;
  }, true);
})();
