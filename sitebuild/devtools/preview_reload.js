// Served by the preview server only (make serve), never part of the built site. It asks
// the server which build it is serving and reloads the page when a newer build, or a
// failed one, has replaced the build this page came from. The page's build number is in
// this script's own address (?version=N), so no inline script is needed (the site's
// Content-Security-Policy forbids them).
(function () {
  "use strict";
  var shown = new URL(document.currentScript.src).searchParams.get("version");

  function check() {
    fetch("/__preview/version", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (version) {
        if (version.trim() !== shown) {
          location.reload();
        } else {
          setTimeout(check, 200);
        }
      })
      // The server is stopped or restarting: keep asking, more slowly.
      .catch(function () { setTimeout(check, 1500); });
  }

  setTimeout(check, 200);
})();
