/* Wellbeing Map chat page.
 *
 * Plain JavaScript, no dependencies. Runs under a strict Content-Security-Policy:
 * no eval, no inline handlers, and user or bot text is only ever put into the
 * page with textContent (never innerHTML).
 *
 * Server contract (same origin):
 *   POST /api/conversations            -> 201 {"conversation_id": "<32 hex>"}
 *   POST /webhooks/rest/webhook         {"sender": id, "message": text}
 *                                       -> 200 [{"recipient_id", "text"?, "buttons"?, "custom"?}, ...]
 */
(function () {
  'use strict';

  var STORAGE_KEY = 'wbmap.conversation_id';
  var CONVERSATIONS_URL = '/api/conversations';
  var WEBHOOK_URL = '/webhooks/rest/webhook';
  var START_MESSAGE = '/start';
  var MAX_LENGTH = 2000;
  var SHOW_COUNT_FROM = 1800;
  var REQUEST_TIMEOUT_MS = 60000;
  var ERROR_TEXT = 'Sorry, something went wrong on our side. Your answers so far are saved. ' +
    'Please try again in a moment.';

  var els = {
    header: document.getElementById('site-header'),
    quickActions: document.getElementById('quick-actions'),
    progress: document.getElementById('progress'),
    progressLabel: document.getElementById('progress-label'),
    progressTrack: document.getElementById('progress-track'),
    loading: document.getElementById('loading'),
    log: document.getElementById('log'),
    typing: document.getElementById('typing'),
    form: document.getElementById('composer'),
    input: document.getElementById('message-input'),
    send: document.getElementById('send'),
    count: document.getElementById('char-count')
  };

  var state = {
    conversationId: null,
    memoryId: null,       // fallback when localStorage is unavailable
    busy: false,
    lastPointerType: ''   // 'touch' | 'mouse' | 'pen' | '' (keyboard)
  };

  var reduceMotion = window.matchMedia &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  /* ------------------------------------------------------------------ */
  /* Storage                                                             */
  /* ------------------------------------------------------------------ */

  function isValidId(value) {
    return typeof value === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(value);
  }

  function readStoredId() {
    try {
      var v = window.localStorage.getItem(STORAGE_KEY);
      if (isValidId(v)) {
        return v;
      }
    } catch (e) {
      /* storage blocked: fall back to memory */
    }
    return isValidId(state.memoryId) ? state.memoryId : null;
  }

  function storeId(id) {
    state.conversationId = id;
    state.memoryId = id;
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch (e) {
      /* storage blocked: the id lives for this page only */
    }
  }

  function forgetId() {
    state.conversationId = null;
    state.memoryId = null;
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      /* ignore */
    }
  }

  /* ------------------------------------------------------------------ */
  /* Network                                                             */
  /* ------------------------------------------------------------------ */

  function HttpError(status, serverText) {
    this.name = 'HttpError';
    this.status = status;
    this.message = 'HTTP ' + status;
    /* The server's own kind words (e.g. "please wait a few seconds"), if it sent any. */
    this.serverText = serverText || '';
  }
  HttpError.prototype = Object.create(Error.prototype);

  function fetchJson(url, options) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = null;
    var opts = {
      method: options.method || 'GET',
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    };
    if (options.body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(options.body);
    }
    if (controller) {
      opts.signal = controller.signal;
      timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    }
    return window.fetch(url, opts).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (body) {
          return body && typeof body.error === 'string' ? body.error : '';
        }, function () { return ''; }).then(function (text) {
          throw new HttpError(response.status, text);
        });
      }
      return response.json();
    }).finally(function () {
      if (timer) {
        window.clearTimeout(timer);
      }
    });
  }

  function ensureConversation() {
    if (state.conversationId) {
      return Promise.resolve(state.conversationId);
    }
    var stored = readStoredId();
    if (stored) {
      state.conversationId = stored;
      return Promise.resolve(stored);
    }
    return fetchJson(CONVERSATIONS_URL, { method: 'POST' }).then(function (data) {
      if (!data || !isValidId(data.conversation_id)) {
        throw new Error('No conversation id in the reply');
      }
      storeId(data.conversation_id);
      return data.conversation_id;
    });
  }

  function postMessage(id, text) {
    return fetchJson(WEBHOOK_URL, {
      method: 'POST',
      body: { sender: id, message: text }
    }).then(function (data) {
      if (!Array.isArray(data)) {
        throw new Error('Unexpected reply');
      }
      return data;
    });
  }

  /* ------------------------------------------------------------------ */
  /* Rendering                                                           */
  /* ------------------------------------------------------------------ */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function srOnly(text) {
    return el('span', 'sr-only', text);
  }

  function appendToLog(node) {
    els.log.appendChild(node);
    return node;
  }

  function addBotText(text) {
    var msg = el('div', 'msg msg--bot');
    msg.appendChild(srOnly('Wellbeing Map said: '));
    msg.appendChild(el('p', 'bubble', text));
    return appendToLog(msg);
  }

  function addUserText(text) {
    var msg = el('div', 'msg msg--user');
    msg.appendChild(srOnly('You said: '));
    msg.appendChild(el('p', 'bubble', text));
    return appendToLog(msg);
  }

  function markNotSent(msg) {
    if (!msg || msg.querySelector('.msg-status')) {
      return;
    }
    msg.appendChild(el('p', 'msg-status', 'Not sent'));
  }

  function addNotice(text, retry) {
    var msg = el('div', 'msg msg--notice');
    var bubble = el('div', 'bubble');
    bubble.appendChild(el('p', 'notice-text', text));
    if (retry) {
      var btn = el('button', 'retry', 'Try again');
      btn.type = 'button';
      btn.addEventListener('click', function () {
        if (state.busy) {
          return;
        }
        btn.disabled = true;
        retry();
      });
      bubble.appendChild(btn);
    }
    msg.appendChild(bubble);
    return appendToLog(msg);
  }

  function cleanTitle(title) {
    /* Titles may already carry their number ("1. Yes"); the bubble shows the words only. */
    return String(title).replace(/^\s*\d+\s*[.)]\s+/, '');
  }

  function disableGroup(group) {
    var buttons = group.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
    }
    group.classList.add('is-used');
  }

  function enableGroup(group) {
    var buttons = group.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = false;
      buttons[i].classList.remove('is-chosen');
      var mark = buttons[i].querySelector('.chosen-mark');
      if (mark) {
        mark.remove();
      }
    }
    group.classList.remove('is-used');
  }

  function disableOpenGroups() {
    var groups = els.log.querySelectorAll('.choices:not(.is-used)');
    for (var i = 0; i < groups.length; i++) {
      disableGroup(groups[i]);
    }
  }

  function addButtons(buttons) {
    var valid = buttons.filter(function (b) {
      return b && typeof b === 'object' &&
        (typeof b.title === 'string' || typeof b.title === 'number') &&
        (typeof b.payload === 'string' || typeof b.payload === 'number');
    });
    if (!valid.length) {
      return null;
    }
    /* A newer question makes any older, unanswered buttons stale. */
    disableOpenGroups();

    var group = el('div', 'msg msg--bot choices');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Choices');

    valid.forEach(function (b, index) {
      var title = String(b.title);
      var words = cleanTitle(title);
      var btn = el('button', 'choice');
      btn.type = 'button';
      btn.appendChild(el('span', 'choice-num', (index + 1) + '.'));
      btn.appendChild(el('span', 'choice-text', words));
      btn.addEventListener('click', function () {
        if (state.busy || btn.disabled) {
          return;
        }
        disableGroup(group);
        btn.classList.add('is-chosen');
        btn.appendChild(srOnly(' (your choice)')).classList.add('chosen-mark');
        var bubble = addUserText(words);
        sendMessage(String(b.payload), {
          fromPointer: state.lastPointerType,
          onFail: function () {
            markNotSent(bubble);
            enableGroup(group);
          }
        });
      });
      group.appendChild(btn);
    });
    return appendToLog(group);
  }

  function isSafeMapUrl(url) {
    if (typeof url !== 'string' || url.length > 512) {
      return false;
    }
    if (!/^\/map\/[A-Za-z0-9._~%!$&'()*+,;=:@\/?-]*$/.test(url)) {
      return false;
    }
    try {
      var resolved = new URL(url, window.location.origin);
      return resolved.origin === window.location.origin && resolved.pathname.indexOf('/map/') === 0;
    } catch (e) {
      return false;
    }
  }

  /* "show my data": a link to the page of everything held about this person. */
  function dataUrlOf(custom) {
    var url = custom && custom.data_url;
    return typeof url === 'string' && /^\/data\/[A-Za-z0-9_-]{32,64}$/.test(url) ? url : null;
  }

  function addMapLink(url, label) {
    var msg = el('div', 'msg msg--bot');
    if (/^\/map\/[0-9a-f]{32}$/.test(url)) {
      /* the picture of the finished map; the same content is in the text above */
      var img = el('img', 'map-thumb');
      img.src = url + '.svg';
      img.alt = 'A picture of your wellbeing map. Everything in it is also in the messages above.';
      img.width = 320;
      img.height = 320;
      msg.appendChild(img);
    }
    var link = el('a', 'map-link');
    link.href = url;
    link.appendChild(el('span', null, label || 'See your map'));
    var arrow = el('span', 'map-link-arrow', '\u2192');
    arrow.setAttribute('aria-hidden', 'true');
    link.appendChild(arrow);
    msg.appendChild(link);
    return appendToLog(msg);
  }

  function setProgress(progress) {
    var step = Number(progress.step);
    var total = Number(progress.total);
    if (!isFinite(step) || !isFinite(total) || total < 1 || total > 50 || step < 0) {
      return;
    }
    step = Math.min(Math.floor(step), Math.floor(total));
    total = Math.floor(total);
    var text = 'Step ' + step + ' of ' + total;
    if (typeof progress.label === 'string' && progress.label.trim()) {
      text += ': ' + progress.label.trim();
    }
    els.progressLabel.textContent = text;

    while (els.progressTrack.firstChild) {
      els.progressTrack.removeChild(els.progressTrack.firstChild);
    }
    for (var i = 1; i <= total; i++) {
      els.progressTrack.appendChild(el('span', 'progress-seg' + (i <= step ? ' is-done' : '')));
    }
    els.progress.hidden = false;
  }

  function resetProgress() {
    els.progress.hidden = true;
    els.progressLabel.textContent = '';
    while (els.progressTrack.firstChild) {
      els.progressTrack.removeChild(els.progressTrack.firstChild);
    }
  }

  /* Applies the "custom" part of a reply. Returns a safe map URL to link to, or null. */
  function handleCustom(custom) {
    if (isValidId(custom.conversation_id) && custom.conversation_id !== state.conversationId) {
      /* "start again" / "delete my data": a fresh conversation begins. */
      storeId(custom.conversation_id);
      disableOpenGroups();
      resetProgress();
    }
    if (custom.progress && typeof custom.progress === 'object') {
      setProgress(custom.progress);
    }
    return isSafeMapUrl(custom.map_url) ? custom.map_url : null;
  }

  function renderItems(items) {
    var first = null;
    items.forEach(function (item) {
      if (!item || typeof item !== 'object') {
        return;
      }
      var node;
      var mapUrl = null;
      var dataUrl = null;
      /* custom first, so a new conversation id is stored before its buttons show */
      if (item.custom && typeof item.custom === 'object' && !Array.isArray(item.custom)) {
        mapUrl = handleCustom(item.custom);
        dataUrl = dataUrlOf(item.custom);
      }
      if (typeof item.text === 'string') {
        var text = item.text.replace(/^\s*\n|\n\s*$/g, '');
        if (text.trim() !== '') {
          node = addBotText(text);
          first = first || node;
        }
      }
      if (Array.isArray(item.buttons) && item.buttons.length) {
        node = addButtons(item.buttons);
        first = first || node;
      }
      if (mapUrl) {
        node = addMapLink(mapUrl);
        first = first || node;
      }
      if (dataUrl) {
        node = addMapLink(dataUrl, 'See your data');
        first = first || node;
      }
    });
    return first;
  }

  /* ------------------------------------------------------------------ */
  /* Scrolling                                                           */
  /* ------------------------------------------------------------------ */

  function stickyHeight(node) {
    if (!node || node.hidden) {
      return 0;
    }
    var pos = window.getComputedStyle(node).position;
    return (pos === 'sticky' || pos === 'fixed') ? node.offsetHeight : 0;
  }

  /* Show the newest messages. If they are too tall to fit, show the start of
     the first new one so a long reply is read from its beginning. */
  function reveal(firstNew) {
    var last = els.typing.hidden ? els.log.lastElementChild : els.typing;
    if (!firstNew || !last) {
      return;
    }
    var behavior = reduceMotion ? 'auto' : 'smooth';
    var top = stickyHeight(els.header) + 12;
    var bottom = window.innerHeight - stickyHeight(els.form) - 12;
    var firstRect = firstNew.getBoundingClientRect();
    var lastRect = last.getBoundingClientRect();
    var delta;
    if (lastRect.bottom - firstRect.top <= bottom - top) {
      delta = lastRect.bottom - bottom;
      if (delta <= 0) {
        return;
      }
    } else {
      delta = firstRect.top - top;
    }
    window.scrollBy({ top: delta, left: 0, behavior: behavior });
  }

  /* ------------------------------------------------------------------ */
  /* Sending                                                             */
  /* ------------------------------------------------------------------ */

  function setBusy(busy) {
    state.busy = busy;
    els.send.disabled = busy;
    els.typing.hidden = !busy;
    els.log.setAttribute('aria-busy', busy ? 'true' : 'false');
    els.form.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function focusInput() {
    try {
      els.input.focus({ preventScroll: true });
    } catch (e) {
      els.input.focus();
    }
  }

  /* options:
       onFail(error)  called when the message could not be sent
       retry()        offered as a "Try again" button in the error notice
       silentFail(e)  return true to skip the notice (the caller recovers)
       refocus        return focus to the message box afterwards (default true)
       fromPointer    pointer type that triggered the send ('touch' skips refocus,
                      so the phone keyboard does not cover the new choices) */
  function sendMessage(text, options) {
    options = options || {};
    if (state.busy) {
      return Promise.resolve(false);
    }
    setBusy(true);
    reveal(els.log.lastElementChild || els.typing);

    return ensureConversation()
      .then(function (id) {
        return postMessage(id, text);
      })
      .then(function (items) {
        setBusy(false);
        var first = renderItems(items);
        reveal(first);
        return true;
      }, function (error) {
        setBusy(false);
        if (options.silentFail && options.silentFail(error)) {
          return 'silent';
        }
        if (options.onFail) {
          options.onFail(error);
        }
        var shown = error instanceof HttpError && error.status === 429 && error.serverText
          ? error.serverText : ERROR_TEXT;
        var notice = addNotice(shown, options.retry || null);
        reveal(notice);
        return false;
      })
      .then(function (ok) {
        var refocus = ok !== 'silent' && options.refocus !== false && options.fromPointer !== 'touch';
        if (refocus) {
          focusInput();
        }
        return ok;
      });
  }

  function sendTyped(text) {
    var bubble = addUserText(text);
    return sendMessage(text, {
      fromPointer: '',
      onFail: function () {
        markNotSent(bubble);
        /* Keep what they wrote so nothing is lost. */
        var current = els.input.value;
        if (current.trim() === '') {
          els.input.value = text;
        } else if (current.indexOf(text) !== 0) {
          els.input.value = (text + '\n' + current).slice(0, MAX_LENGTH);
        }
        updateCount();
      }
    });
  }

  /* "/start" is not shown as a bubble; it asks for the welcome or a "welcome back". */
  function startConversation(allowFresh) {
    return sendMessage(START_MESSAGE, {
      refocus: false,
      retry: function () { startConversation(false); },
      silentFail: function (error) {
        /* Assumption: 404/410 for a stored id means the server no longer knows
           it (deleted or expired). Start a fresh conversation, once. */
        return allowFresh && !!state.conversationId && error instanceof HttpError &&
          (error.status === 404 || error.status === 410);
      }
    }).then(function (result) {
      if (result === 'silent') {
        forgetId();
        return startConversation(false);
      }
      return result;
    });
  }

  /* ------------------------------------------------------------------ */
  /* Message box                                                         */
  /* ------------------------------------------------------------------ */

  function updateCount() {
    var len = els.input.value.length;
    if (len >= SHOW_COUNT_FROM) {
      var left = Math.max(0, MAX_LENGTH - len);
      els.count.textContent = left === 0
        ? 'You have reached the limit of ' + MAX_LENGTH.toLocaleString('en-GB') + ' characters.'
        : len.toLocaleString('en-GB') + ' of ' + MAX_LENGTH.toLocaleString('en-GB') +
          ' characters used (' + left + ' left).';
      els.count.classList.toggle('is-full', left === 0);
      els.count.hidden = false;
    } else {
      els.count.hidden = true;
      els.count.textContent = '';
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    if (state.busy) {
      return;
    }
    var text = els.input.value.trim();
    if (!text) {
      els.input.value = '';
      updateCount();
      focusInput();
      return;
    }
    if (text.length > MAX_LENGTH) {
      text = text.slice(0, MAX_LENGTH);
    }
    els.input.value = '';
    updateCount();
    sendTyped(text);
  }

  function onKeyDown(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    event.preventDefault();
    if (typeof els.form.requestSubmit === 'function') {
      els.form.requestSubmit();
    } else {
      els.form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  }

  function onQuickAction(event) {
    var btn = event.target.closest('button[data-say]');
    if (!btn || state.busy) {
      return;
    }
    var words = btn.getAttribute('data-say');
    var bubble = addUserText(words);
    sendMessage(words, {
      fromPointer: state.lastPointerType,
      onFail: function () {
        markNotSent(bubble);
        if (els.input.value.trim() === '') {
          els.input.value = words;
          updateCount();
        }
      }
    });
  }

  /* ------------------------------------------------------------------ */
  /* Start                                                               */
  /* ------------------------------------------------------------------ */

  function init() {
    els.input.maxLength = MAX_LENGTH;
    els.form.addEventListener('submit', onSubmit);
    els.input.addEventListener('keydown', onKeyDown);
    els.input.addEventListener('input', updateCount);
    els.quickActions.addEventListener('click', onQuickAction);

    /* Remember how the last press happened, so a tap on a phone does not
       pop the keyboard up over the next set of choices. */
    document.addEventListener('pointerdown', function (e) {
      state.lastPointerType = e.pointerType || '';
    }, true);
    document.addEventListener('keydown', function () {
      state.lastPointerType = '';
    }, true);

    els.loading.hidden = true;
    els.form.hidden = false;
    els.quickActions.hidden = false;
    updateCount();

    startConversation(true);
  }

  init();
}());
