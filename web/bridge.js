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

  // load returns the shared Audio object playing src, starting at start
  // seconds when src is new. A src that already plays is left alone, so
  // playback started before the wasm arrived continues untouched.
  // One player at a time: when this page's audio starts, Earshot players
  // in other frames and tabs of this site pause (and this one pauses when
  // they start).
  var bus = window.BroadcastChannel ? new BroadcastChannel("earshot-playing") : null;
  var me = Math.random().toString(36).slice(2);
  if (bus) bus.onmessage = function (m) {
    if (m.data !== me && E.audio && !E.audio.paused) E.audio.pause();
  };

  E.load = function (src, start) {
    var a = E.audio;
    if (!a) {
      a = E.audio = new Audio();
      a.preload = "none"; // never download the episode before a gesture
      a.addEventListener("play", function () {
        if (bus) bus.postMessage(me);
      });
    }
    if (src && src !== E.src) {
      E.src = src;
      a.src = src;
      if (start > 0) E.seek(start);
    }
    return a;
  };

  // seek moves to t seconds, waiting for metadata when none is loaded yet.
  E.seek = function (t) {
    var a = E.audio;
    if (!a) return;
    if (a.readyState >= 1) {
      a.currentTime = t;
      return;
    }
    a.addEventListener("loadedmetadata", function once() {
      a.removeEventListener("loadedmetadata", once);
      a.currentTime = t;
    });
  };

  // takeover hands the controls to Go.
  E.takeover = function () {
    if (!E.live) E.readyAt = performance.now(); // for measurements
    E.live = true;
  };

  // hashStart reads "#t=90" or "#t=1:30" (the start of a media fragment),
  // or "?t=" where no server put the time into the page (a static export).
  function hashStart() {
    var m = /(?:^#|&)t=(?:npt:)?([0-9:.]+)/.exec(location.hash) ||
      /(?:^\?|&)t=(?:npt(?::|%3A))?([0-9:.]+|[0-9.]+(?:%3A[0-9.]+)+)/.exec(location.search);
    if (!m) return 0;
    var s = 0;
    m[1].replace(/%3A/g, ":").split(":").forEach(function (p) {
      s = s * 60 + (parseFloat(p) || 0);
    });
    return s;
  }

  function player(el) {
    return el && el.closest("[data-es-src]");
  }

  function start(p) {
    return hashStart() || parseFloat(p.getAttribute("data-es-start")) || 0;
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
    document.querySelectorAll("[data-es-src]").forEach(function (p) {
      p.toggleAttribute("data-es-playing", !a.paused);
      var b = p.querySelector('[data-es="play"]');
      if (b) b.setAttribute("aria-label", a.paused ? "Play" : "Pause");
      var e = p.querySelector(".es-elapsed");
      if (e) e.textContent = clock(a.currentTime);
      var r = p.querySelector('[data-es="seekbar"]');
      if (r && document.activeElement !== r) r.value = a.currentTime;
    });
  }

  document.addEventListener("click", function (ev) {
    if (E.live) return;
    var el = ev.target.closest && ev.target.closest("[data-es], a[data-t]");
    var p = player(el);
    if (!p) return;
    var a = E.load(p.getAttribute("data-es-src"), start(p));
    ["play", "pause", "timeupdate", "seeked"].forEach(function (n) {
      a.addEventListener(n, paint);
    });
    var act = el.getAttribute("data-es");
    if (act === "play") {
      ev.preventDefault();
      if (a.paused) a.play(); else a.pause();
    } else if (el.hasAttribute("data-t")) {
      ev.preventDefault();
      E.seek(parseFloat(el.getAttribute("data-t")) || 0);
      a.play();
    }
  });

  document.addEventListener("input", function (ev) {
    if (E.live || ev.target.getAttribute("data-es") !== "seekbar") return;
    var p = player(ev.target);
    if (!p) return;
    E.load(p.getAttribute("data-es-src"), 0);
    E.seek(parseFloat(ev.target.value) || 0);
  });
})();
