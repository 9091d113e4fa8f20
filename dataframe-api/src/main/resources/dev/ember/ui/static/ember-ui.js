// Live pages: poll the REST API; when the application's jobs changed, refresh this page's <main>
// from the server (the pages are rendered server-side), so a running job updates without a reload.
(function () {
  var api = document.body.getAttribute('data-api');
  if (!api || !window.fetch) { return; }
  var last = null;
  function poll() {
    fetch(api + '/jobs', {cache: 'no-store'}).then(function (response) {
      return response.text();
    }).then(function (jobs) {
      if (last !== null && jobs !== last) {
        return fetch(location.href, {cache: 'no-store'}).then(function (response) {
          return response.text();
        }).then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
          var main = document.querySelector('main');
          if (fresh && main) { main.innerHTML = fresh.innerHTML; }
        });
      }
      last = jobs;
    }).catch(function () { /* the application stopped: keep what is shown */ }).then(function () {
      setTimeout(poll, 1500);
    });
  }
  poll();
})();
