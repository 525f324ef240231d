// SalesOS dashboard behaviour: local times, live regions, dialogs, event pickers, the signing
// secret. Plain JavaScript, no dependencies; the pages work (minus live updates) without it.
'use strict';

(function () {
  var POLL_MS = 2000;

  // Times arrive as ISO-8601 in <time datetime>; show them in the viewer's time zone.
  var dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  var shortFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var rel = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;
  function relative(ms) {
    var s = Math.round((ms - Date.now()) / 1000);
    var abs = Math.abs(s);
    if (!rel) return dateFmt.format(new Date(ms));
    if (abs < 5) return s <= 0 ? 'just now' : 'in a moment';
    if (abs < 60) return rel.format(s, 'second');
    if (abs < 3600) return rel.format(Math.round(s / 60), 'minute');
    if (abs < 86400) return rel.format(Math.round(s / 3600), 'hour');
    return rel.format(Math.round(s / 86400), 'day');
  }
  function formatTimes(root) {
    var nodes = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < nodes.length; i++) {
      var t = nodes[i];
      var ms = Date.parse(t.getAttribute('datetime'));
      if (isNaN(ms)) continue;
      var full = dateFmt.format(new Date(ms));
      var style = t.getAttribute('data-format');
      t.textContent = style === 'relative' ? relative(ms) : style === 'short' ? shortFmt.format(new Date(ms)) : full;
      t.title = full;
    }
  }

  // A live region re-renders from its JSON endpoint every two seconds while the tab is visible.
  // Keyboard focus survives the swap: the focused link or button is found again by its target.
  function focusKey(el) {
    if (!el || el === document.body) return null;
    return el.getAttribute('href') || el.getAttribute('formaction') || (el.form && el.form.getAttribute('action')) || null;
  }
  function refocus(region, key) {
    if (!key) return;
    var all = region.querySelectorAll('a, button');
    for (var i = 0; i < all.length; i++) {
      if (focusKey(all[i]) === key) {
        all[i].focus();
        return;
      }
    }
  }
  // "Copy as cURL": copies the command the page shows beside the button (live updates replace
  // the buttons, so one listener on the document serves them all).
  document.addEventListener('click', function (ev) {
    var button = ev.target.closest && ev.target.closest('[data-copy-curl]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy-curl'));
    if (source) copyText(source.textContent, button);
  });

  // Attempts opened or closed by the user, by number (a live update keeps that choice).
  var userOpen = {};
  document.addEventListener('click', function (ev) {
    var summary = ev.target.closest && ev.target.closest('details[data-attempt] > summary');
    if (summary) userOpen[summary.parentNode.getAttribute('data-attempt')] = !summary.parentNode.open;
  });

  function startLive(region) {
    var url = region.getAttribute('data-live');
    var last = null;
    var timer = null;
    var indicator = document.querySelector('[data-live-indicator]');
    function schedule() {
      timer = setTimeout(tick, POLL_MS);
    }
    function tick() {
      timer = null;
      if (document.hidden) return;
      fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
        .then(function (res) {
          if (res.status === 401) {
            window.location.reload();
            return null;
          }
          return res.ok ? res.json() : null;
        })
        .then(function (body) {
          if (indicator) indicator.classList.toggle('is-paused', !body);
          if (body && typeof body.html === 'string' && body.html !== last) {
            var key = region.contains(document.activeElement) ? focusKey(document.activeElement) : null;
            if (last !== null || body.html !== region.innerHTML) {
              region.innerHTML = body.html;
              formatTimes(region);
              // Attempts the user opened or closed stay that way.
              var fresh = region.querySelectorAll('details[data-attempt]');
              for (var j = 0; j < fresh.length; j++) {
                var n = fresh[j].getAttribute('data-attempt');
                if (Object.prototype.hasOwnProperty.call(userOpen, n)) fresh[j].open = userOpen[n];
              }
              bind(region);
              refocus(region, key);
            }
            last = body.html;
          }
        })
        .catch(function () {
          if (indicator) indicator.classList.add('is-paused');
        })
        .then(schedule);
    }
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && timer === null) tick();
    });
    schedule();
  }

  // The events picker: "All events" implies every box, a family's wildcard (lead.*) its types.
  // Implied boxes show checked and disabled (so only the wildcard is sent); unchecking the
  // wildcard gives them back the choice they had.
  function syncPicker(picker) {
    var all = picker.querySelector('input[data-all-events]');
    var boxes = picker.querySelectorAll('input[name="events"]');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box === all) continue;
      var family = box.getAttribute('data-family');
      var wildcard = family ? picker.querySelector('input[data-wildcard="' + family + '"]') : null;
      // "All events" (`*`) leaves the operational events out: their boxes stay choosable.
      var outside = box.closest('[data-outside-all]') !== null;
      var implied = (all && all.checked && !outside) || (wildcard !== null && wildcard.checked);
      if (implied) {
        if (!box.disabled) box.setAttribute('data-own', box.checked ? '1' : '');
        box.checked = true;
        box.disabled = true;
      } else if (box.disabled) {
        box.disabled = false;
        box.checked = box.getAttribute('data-own') === '1';
      }
    }
  }

  function copyText(text, button) {
    function done(ok) {
      var label = button.getAttribute('data-label') || button.textContent;
      button.setAttribute('data-label', label);
      button.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(function () {
        button.textContent = label;
      }, 2000);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () {
          done(true);
        },
        function () {
          done(false);
        },
      );
      return;
    }
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    done(ok);
  }

  // The secret is not in the page until asked for; Reveal fetches it, Hide forgets it.
  var secret = null;
  function fetchSecret(code) {
    if (secret) return Promise.resolve(secret);
    return fetch(code.getAttribute('data-secret-url'), { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        secret = body.secret;
        return secret;
      });
  }

  function bind(root) {
    var i;
    var openers = root.querySelectorAll('[data-open-dialog]');
    for (i = 0; i < openers.length; i++) {
      openers[i].addEventListener('click', function (ev) {
        var dialog = document.getElementById(ev.currentTarget.getAttribute('data-open-dialog'));
        if (dialog && dialog.showModal) dialog.showModal();
      });
    }
    var closers = root.querySelectorAll('[data-close-dialog]');
    for (i = 0; i < closers.length; i++) {
      closers[i].addEventListener('click', function (ev) {
        ev.currentTarget.closest('dialog').close();
      });
    }
    var autos = root.querySelectorAll('form[data-autosubmit] select');
    for (i = 0; i < autos.length; i++) {
      autos[i].addEventListener('change', function (ev) {
        ev.currentTarget.form.submit();
      });
    }
  }

  function init() {
    formatTimes(document);
    bind(document);
    // Relative times ("2 minutes ago") age while the page is open.
    setInterval(function () {
      if (!document.hidden) formatTimes(document);
    }, 30000);

    var pickers = document.querySelectorAll('[data-event-picker]');
    for (var g = 0; g < pickers.length; g++) {
      (function (picker) {
        syncPicker(picker);
        picker.addEventListener('change', function () {
          syncPicker(picker);
        });
      })(pickers[g]);
    }

    var code = document.getElementById('secret-value');
    var reveal = document.querySelector('[data-reveal-secret]');
    var copy = document.querySelector('[data-copy-secret]');
    if (code && reveal) {
      var masked = 'whsec_••••••••••••••••••••••••';
      if (code.textContent.indexOf('•') === -1) secret = code.textContent;
      reveal.addEventListener('click', function (ev) {
        ev.preventDefault();
        if (reveal.getAttribute('aria-pressed') === 'true') {
          code.textContent = masked;
          reveal.textContent = 'Reveal';
          reveal.setAttribute('aria-pressed', 'false');
          return;
        }
        fetchSecret(code).then(
          function (s) {
            code.textContent = s;
            reveal.textContent = 'Hide';
            reveal.setAttribute('aria-pressed', 'true');
          },
          function () {
            code.textContent = 'Could not load the secret; reload the page.';
          },
        );
      });
      reveal.addEventListener('keydown', function (ev) {
        if (ev.key === ' ') {
          ev.preventDefault();
          reveal.click();
        }
      });
    }
    if (code && copy) {
      copy.addEventListener('click', function () {
        fetchSecret(code).then(
          function (s) {
            copyText(s, copy);
          },
          function () {
            copyText('', copy);
          },
        );
      });
    }

    var regions = document.querySelectorAll('[data-live]');
    for (var r = 0; r < regions.length; r++) startLive(regions[r]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
