// Injected by `nianbao serve` only, never into `build` output: reloads the page after each
// rebuild, and keeps trying when the preview server restarts.
(function () {
  var token = "__NIANBAO_TOKEN__";
  // The token is "instance-generation.index": the part after the dot changes when the search
  // index is written after a rebuild, which only the search page needs.
  var search = !!document.getElementById("search-q");
  function key(t) {
    return search ? t : t.split(".")[0];
  }
  var close = document.getElementById("nianbao-overlay-close");
  if (close) {
    close.onclick = function () {
      document.getElementById("nianbao-overlay").remove();
    };
  }
  function connect() {
    var events = new EventSource("__NIANBAO_EVENTS__");
    events.onmessage = function (e) {
      if (key(e.data) !== key(token)) location.reload();
    };
    events.onerror = function () {
      // The browser retries by itself unless it gave up; then try again a little later.
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
})();
