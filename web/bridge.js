// Earshot audio bridge.
//
// go-app replaces the prerendered DOM when the wasm starts, and an <audio>
// element inside go-app's tree would be destroyed with it. So the one Audio
// object lives here, outside the tree, and survives the takeover. Until the
// Go player calls earshot.takeover(), this script also makes the prerendered
// controls work (play/pause, seek bar, chapter and timestamp links), so a page
// is playable at first paint. All player logic lives in Go: keep this small.
(function () {
  "use strict";
  var E = (window.earshot = { audio: null, src: "", live: false });

  // load returns the shared Audio playing src from start when src is new;
  // playback begun before the wasm continues untouched. One player at a
  // time: starting pauses Earshot players in other frames and tabs.
  var bus = window.BroadcastChannel ? new BroadcastChannel("earshot-playing") : null;
  var me = Math.random().toString(36).slice(2);
  if (bus) bus.onmessage = function (m) {
    if (m.data !== me && E.audio && !E.audio.paused) E.audio.pause();
  };

  E.load = function (src, start, end) {
    var a = E.audio;
    if (!a) {
      a = E.audio = new Audio();
      a.preload = "none"; // never download the episode before a gesture
      a.addEventListener("play", function () {
        if (bus) bus.postMessage(me);
      });
      a.addEventListener("playing", function () {
        E.playingAt = E.playingAt || performance.now();
        setTimeout(want, lazy ? listened : settle);
      });
      // Chromium may end overlapping seeks at 0 (J J Space): seek again.
      a.addEventListener("seeked", function () {
        var t = E.to;
        E.to = null;
        if (t != null && Math.abs(a.currentTime - t) > 1) a.currentTime = t;
      });
      ["play", "pause", "timeupdate", "seeked"].forEach(function (n) {
        a.addEventListener(n, paint);
      });
    }
    if (src && src !== E.src) {
      E.src = src;
      a.src = src;
      E.end = end || 0; // a clip's end: paint pauses there (Go after the takeover)
      if (start > 0) E.seek(start);
    }
    return a;
  };

  // seek moves to t seconds, waiting for metadata when none is loaded yet.
  E.seek = function (t) {
    var a = E.audio;
    if (!a) return;
    if (a.readyState >= 1) {
      a.currentTime = E.to = t;
      return;
    }
    a.addEventListener("loadedmetadata", function once() {
      a.removeEventListener("loadedmetadata", once);
      a.currentTime = t;
    });
  };

  // takeover hands the controls to Go; died hands them back when the Go
  // program has ended (a panic), so the listener can always pause and seek.
  var root = document.documentElement;
  E.takeover = function () {
    if (!E.live) E.readyAt = performance.now(); // for measurements
    E.live = true;
    root.setAttribute("data-es-live", "");
  };
  E.died = function () {
    E.live = false;
    E.dead = true;
    root.removeAttribute("data-es-live");
    paint();
  };

  // The wasm waits its turn (app.js calls schedule): never while the audio
  // starts. Standalone pages load it when idle, a quiet while after load
  // (a click on play then comes first); embeds, Save-Data and 2G only on
  // intent (hover, focus, touch, an app-only control, listening).
  var boot, wanted, waited = 0, settle = 3000, quiet = 3000, listened = 20000,
    net = navigator.connection || {};
  E.guest = /\/embed\/?$/.test(location.pathname);
  var lazy = E.guest || net.saveData || /2g/.test(net.effectiveType);
  E.schedule = function (f) {
    boot = f;
    if (wanted) return want();
    if (lazy) return;
    if (document.readyState == "complete") idle();
    else addEventListener("load", idle);
  };
  function idle() {
    setTimeout(function () {
      (window.requestIdleCallback || setTimeout)(want, { timeout: 2000 });
    }, quiet);
  }
  function want() {
    var a = E.audio, f = boot;
    wanted = 1;
    if (!f) return;
    // The audio is starting: wait until it has played a few seconds (at
    // most 15 s, so a stalled stream does not keep the app away).
    if (a && !a.paused && !(performance.now() - E.playingAt > settle) && waited++ < 30) return setTimeout(want, 500);
    boot = 0;
    E.wasmAt = performance.now(); // for measurements
    f();
  }
  // player.js: an embed says ready at once (message from app/playerjs.go);
  // the bridge plays and pauses, other calls wait in E.pjs for the app.
  E.pjs = [];
  function pjs() {
    return document.querySelector("[data-es-pjs]");
  }
  addEventListener("DOMContentLoaded", function () {
    var p = pjs(), m;
    if (E.guest && p && parent !== self) try {
      m = JSON.parse(p.getAttribute("data-es-pjs"));
      m.value.src = location.href;
      parent.postMessage(JSON.stringify(m), (location.ancestorOrigins || [])[0] || new URL(document.referrer).origin);
      E.pjsReady = 1;
    } catch (e) { /* no origin to answer to */ }
  });
  addEventListener("message", function (e) {
    var m, a = pjs();
    if (e.source !== parent || !/player\.js/.test(e.data)) return;
    setTimeout(want, 300); // after a play in the same burst
    if (E.live) return;
    try { m = JSON.parse(e.data).method; } catch (x) { return; }
    a = /^(play|pause)$/.test(m) && a && audio(a);
    if (!a) E.pjs.push([e.data, e.origin]);
    else if (m === "play") play(a);
    else a.pause();
  });
  ["pointerover", "focusin", "touchstart"].forEach(function (n) {
    addEventListener(n, function () { setTimeout(want, 300); }, { once: true, passive: true });
  });

  // Share-link times as podcast/fragment.go reads them (W3C Media Fragments
  // npt; ?t= also 1h2m3s): [start, end] (end 0: none), null when invalid.
  // Tested on podcast/testdata/time_vectors.json (e2e/timegrammar_test.go).
  function npt(s) {
    var m = /^(?:(\d{1,9}):(\d\d):|(\d\d?):)?(\d+)(?:\.(\d*))?$/.exec(s),
      mm = m && +(m[2] || m[3] || 0);
    if (!m || (m[1] || m[3] ? m[4].length != 2 || mm > 59 || m[4] > 59 : m[4].length > 9)) return null;
    return (+m[1] || 0) * 3600 + mm * 60 + +m[4] + ((m[5] || "") + "000").slice(0, 3) / 1000;
  }
  function parseT(v, query) {
    var m = query && v && /^(?:(\d{1,9})h)?(?:(\d{1,9})m)?(?:(\d{1,9})s)?$/.exec(v),
      p = v.replace(/^npt:/, "").split(","),
      a = p[0] ? npt(p[0]) : p.length > 1 ? 0 : null,
      b = p.length > 1 ? npt(p[1]) : 0;
    if (m) return [(m[1] || 0) * 3600 + (m[2] || 0) * 60 + +(m[3] || 0), 0];
    return p.length < 3 && a != null && b != null && (p.length < 2 || b > a) ? [a, b] : null;
  }
  // Split at & and the first =, then decode; the last valid t wins.
  function fromFragment(h) {
    var r = null;
    h.replace(/^#/, "").split("&").forEach(function (f) {
      var i = f.indexOf("="), t;
      try {
        if (i >= 0 && decodeURIComponent(f.slice(0, i)) === "t" &&
          (t = parseT(decodeURIComponent(f.slice(i + 1))))) r = t;
      } catch (e) { /* does not decode: dropped */ }
    });
    return r;
  }
  function fromQuery(q) {
    var r = null;
    new URLSearchParams(q).getAll("t").forEach(function (v) {
      r = parseT(v, 1) || r;
    });
    return r;
  }
  // E.parseT(search, hash) is podcast.TimeFromURL: a ?t= but 0 beats #t=.
  E.parseT = function (q, h) {
    var r = fromQuery(q);
    return r && r[0] + r[1] ? r : fromFragment(h) || r;
  };

  function player(el) {
    return el && el.closest("[data-es-src]");
  }

  // when is [start, clip end] for player p: the ?t= the server read, else
  // the #t= no server sees (and on a static export, data-es-static, ?t= too).
  function when(p) {
    var r = [+p.getAttribute("data-es-start") || 0, +p.getAttribute("data-es-end") || 0];
    return r[0] + r[1] ? r : E.parseT(p.hasAttribute("data-es-static") ? location.search : "", location.hash) || r;
  }

  function clock(t) {
    t = Math.floor(t || 0);
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : "" + m;
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function paint() {
    if (E.live || !E.audio) return;
    var a = E.audio;
    if (E.end && a.currentTime >= E.end) {
      E.end = 0;
      a.pause();
    }
    document.querySelectorAll("[data-es-src]").forEach(function (p) {
      p.toggleAttribute("data-es-playing", !a.paused);
      p.classList.toggle("es-playing", !a.paused);
      var b = p.querySelector('[data-es="play"]'), l = (p.getAttribute("data-es-labels") || "Play|Pause").split("|");
      if (b) b.setAttribute("aria-label", l[a.paused ? 0 : 1]);
      var e = p.querySelector(".es-elapsed");
      if (e) e.textContent = clock(a.currentTime);
      var r = p.querySelector('[data-es="seekbar"]');
      if (r && document.activeElement !== r) r.value = a.currentTime;
    });
  }

  // audio is the Audio object for player p, loaded at the share link's
  // time, else where the listener left off (Go's saved position).
  function audio(p) {
    var w = when(p), pos;
    if (!(w[0] + w[1])) try {
      pos = JSON.parse(localStorage.getItem(p.getAttribute("data-es-key"))).value;
      if (!pos.finished && pos.position > 5) w[0] = pos.position;
    } catch (e) { /* nothing saved, or no storage */ }
    return E.load(p.getAttribute("data-es-src"), w[0], w[1]);
  }

  function play(a) {
    var r = a.play();
    if (r) r.catch(function () { /* refused or interrupted: stays paused */ });
  }

  function skipTo(a, t) {
    E.seek(Math.max(0, Math.min(t, a.duration || Infinity)));
  }

  // The controls before the takeover (and after, should Go have died).
  document.addEventListener("click", function (ev) {
    if (E.live) return;
    var el = ev.target.closest && ev.target.closest("[data-es], a[data-t]"), p = player(el);
    if (el && el.getAttribute("data-es") == "ep") return pick(el);
    if (!p) {
      // A control only the app runs: the visitor wants the app.
      if (ev.target.closest && ev.target.closest("button, select, input, a")) want();
      return;
    }
    var a = audio(p), act = el.getAttribute("data-es"), d = +el.getAttribute("data-es-d");
    if (act === "play") {
      ev.preventDefault();
      if (a.paused) play(a); else a.pause();
    } else if (act === "skip") {
      skipTo(a, a.currentTime + d);
    } else if (act === "chap") {
      var cs = (p.getAttribute("data-es-chapters") || "").split(",").map(Number), t = a.currentTime, i = cs.length;
      while (i > 0 && cs[i - 1] > t + 0.5) i--; // i-1: the chapter playing
      i += d > 0 ? 0 : t - cs[i - 1] > 3 ? -1 : -2; // back: restart it unless just begun
      if (i >= 0 && i < cs.length) skipTo(a, cs[i]);
    } else if (act === "mute") {
      a.muted = !a.muted;
    } else if (act === "tab") {
      p.querySelectorAll('[role="tab"]').forEach(function (t) {
        var on = t === el;
        t.setAttribute("aria-selected", on);
        t.tabIndex = on ? 0 : -1;
        var panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
        if (on && panel && !panel.children.length) want(); // built by the app
      });
    } else if (el.hasAttribute("data-t")) {
      ev.preventDefault();
      var s = parseFloat(el.getAttribute("data-t")) || 0;
      if (+el.getAttribute("data-end") > s) E.end = +el.getAttribute("data-end");
      E.seek(s);
      play(a);
    } else if (act !== "seekbar" && act !== "speed" && act !== "volume") {
      want();
    }
  });

  // pick plays a show embed's row in its player (the app then shows it).
  function pick(el) {
    var p = document.querySelector("[data-es-src]"), t = p && p.querySelector(".es-title");
    if (p) {
      p.setAttribute("data-es-src", el.getAttribute("data-es-ep-src"));
      // The saved position's key: keyPosition + feed + " " + guid (a
      // feed URL has no space).
      var k = p.getAttribute("data-es-key") || "";
      p.setAttribute("data-es-key", k.slice(0, k.indexOf(" ") + 1) + el.getAttribute("data-es-ep-guid"));
      ["start", "end", "chapters"].forEach(function (n) { p.removeAttribute("data-es-" + n); });
      if (t) t.textContent = el.querySelector(".es-rowtitle").textContent;
      document.querySelectorAll('[data-es="ep"]').forEach(function (r) {
        if (r === el) r.setAttribute("aria-current", "true"); else r.removeAttribute("aria-current");
      });
      play(audio(p));
    }
    want();
  }

  function onInput(ev) {
    var el = ev.target, p = !E.live && player(el), v = +el.value;
    if (!p) return;
    var act = el.getAttribute("data-es"), a = audio(p);
    if (act === "seekbar") E.seek(v || 0);
    if (act === "speed" && v) a.playbackRate = a.defaultPlaybackRate = v;
    if (act === "volume" && v >= 0) {
      a.volume = Math.min(1, v);
      a.muted = false;
    }
  }
  document.addEventListener("input", onInput);
  document.addEventListener("change", onInput);
})();
