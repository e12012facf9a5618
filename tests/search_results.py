"""Material's search results, read once its search worker has answered the last query.

Typed key by key, each letter is a search of its own, and the results of "sextin" show
before those of "sexting". The tests' pages count the queries Material sends its search
worker and the answers it gives (messages of type 2 and 3 in Material 9): the results are
read, all in one call, once every query has been answered and the list drawn.
"""

from __future__ import annotations

# Given to a browser context with add_init_script, before any page of it loads.
COUNT_SEARCHES = """
window.searches = {asked: 0, answered: 0};
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message) {
  if (!this.searchesCounted) {
    this.searchesCounted = true;
    this.addEventListener('message', event => { if (event.data.type === 3) searches.answered++; });
  }
  if (message && message.type === 2) searches.asked++;
  return post.apply(this, arguments);
};
"""

ALL_ANSWERED = """() => searches.asked > 0 && searches.answered === searches.asked
  && new Promise(frame => requestAnimationFrame(() => requestAnimationFrame(() => frame(true))))"""


def answered_results(page) -> list[str]:
    """Each result link's address without its query, in order, once the last query typed
    has been answered (the page's context must have COUNT_SEARCHES)."""
    # Loading the index and building it in the worker is slow on a busy machine.
    page.wait_for_function(ALL_ANSWERED, timeout=30000)
    links = page.locator(".md-search-result__list > li > a")
    return [href.split("?")[0] for href in
            links.evaluate_all("links => links.map(link => link.getAttribute('href'))")]
