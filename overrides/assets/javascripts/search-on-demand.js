// Search on demand.
//
// Material downloads its search index (search/search_index.json, larger than the rest of
// a page together) and starts its search worker on every page, whether or not anyone
// searches. On a cheap phone on a slow connection that doubles what the first visit
// costs. This script holds both back until the reader shows they mean to search: opening
// search (the icon, or a keyboard shortcut), focusing the search box, or pointing at it.
//
// Material's own script is left as it is: it waits, showing "Initializing search", as it
// does when it loads the index late on its own (on file: pages), and keeps what was typed.
// This file must run before Material's bundle, which main.html arranges.
//
// Only Material's search (its search box is a form named "search"). Zensical's search box
// drops what is typed before its index has arrived, so under Zensical the index still
// loads with the page. tests/test_search_on_demand.py checks both.
(function () {
  "use strict";

  if (!document.forms.namedItem("search")) return;

  var wanted = false;
  var waiting = [];

  function startSearch() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  function whenSearchWanted(start) {
    if (wanted) start(); else waiting.push(start);
  }

  // The index: Material asks for it with XMLHttpRequest; the request is sent later.
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.searchIndexRequest) return send.apply(request, args);
    whenSearchWanted(function () { send.apply(request, args); });
  };

  // The worker: a stand-in that records what is asked of it and starts the real worker
  // later. Material listens with addEventListener; onmessage and onerror are kept too.
  var RealWorker = window.Worker;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
  function LazySearchWorker(url, options) {
    var real = null;
    var stopped = false;
    var calls = [];
    var handlers = {};
    var standIn = this;
    ["postMessage", "addEventListener", "removeEventListener"].forEach(function (name) {
      standIn[name] = function () {
        if (real) real[name].apply(real, arguments); else calls.push([name, arguments]);
      };
    });
    standIn.terminate = function () {
      stopped = true;
      if (real) real.terminate();
    };
    ["onmessage", "onerror", "onmessageerror"].forEach(function (name) {
      Object.defineProperty(standIn, name, {
        get: function () { return real ? real[name] : handlers[name] || null; },
        set: function (handler) { handlers[name] = handler; if (real) real[name] = handler; }
      });
    });
    whenSearchWanted(function () {
      if (stopped) return;
      real = new RealWorker(url, options);
      Object.keys(handlers).forEach(function (name) { real[name] = handlers[name]; });
      calls.splice(0).forEach(function (call) { real[call[0]].apply(real, call[1]); });
    });
  }
  window.Worker = function (url, options) {
    if (SEARCH_WORKER.test(String(url))) return new LazySearchWorker(url, options);
    return new RealWorker(url, options);
  };

  // Signs that the reader means to search. `change` on the #__search toggle covers the
  // search icon and Material's keyboard shortcuts, which click that toggle.
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) startSearch();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) startSearch();
  }, true);
  // A little earlier still: a finger or pointer on the search icon or box.
  ["pointerdown", "pointerover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest("label[for=__search], .md-search")) {
        startSearch();
      }
    }, { capture: true, passive: true });
  });
})();
