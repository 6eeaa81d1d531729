// Live updates for pages that can go without them: when the server says
// the store changed, the event list offers a reload and an event page
// checks whether its event gained articles; when an alert is raised, the
// alerts page offers a reload. Everything reads without JS.
(function () {
  "use strict";
  var live = document.body.getAttribute("data-live");
  if (!live || !window.EventSource) return;
  var banner = document.getElementById("live");
  var etag = null;

  function tell(text) {
    banner.textContent = text + " ";
    var a = document.createElement("a");
    a.href = location.href;
    a.textContent = "Reload";
    banner.appendChild(a);
    banner.hidden = false;
  }

  function checkEvent() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch("/api/events/" + encodeURIComponent(live), { headers: headers, credentials: "same-origin" })
      .then(function (r) {
        if (r.status !== 200) return null;
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(function (d) {
        if (!d) return;
        var count = document.getElementById("article-count");
        var before = count ? parseInt(count.textContent, 10) : 0;
        if (d.event.articles > before) {
          count.textContent = String(d.event.articles);
          tell((d.event.articles - before) + " new article(s) joined this event.");
        }
      })
      .catch(function () {});
  }

  var source = new EventSource("/api/stream");
  source.addEventListener("change", function () {
    if (live === "list") tell("New articles were stored.");
    else if (live !== "alerts") checkEvent();
  });
  source.addEventListener("alert", function () {
    if (live === "alerts") tell("New alerts were raised.");
  });
})();
