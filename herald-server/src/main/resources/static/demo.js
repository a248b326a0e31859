// The demo page: POST /send publishes a message, GET /stream (Server-Sent Events) shows every
// message of the demo topic, newest at the bottom. Plain script, no build step.
// User data only ever reaches the page through textContent, never innerHTML (XSS).
"use strict";

(() => {
  const TEXTS = {
    en: {
      title: "Herald demo",
      received: "Received messages",
      empty: "No messages yet",
      label: "Message",
      placeholder: "Type a message and press Enter",
      send: "Send",
      status: { connecting: "Connecting…", open: "Connected", reconnecting: "Reconnecting…" },
      notSent: (reason) => "Not sent: " + reason,
      unreachable: "the server could not be reached",
    },
    "zh-CN": {
      title: "Herald 演示",
      received: "收到的消息",
      empty: "还没有消息",
      label: "消息",
      placeholder: "输入消息后按回车发送",
      send: "发送",
      status: { connecting: "正在连接…", open: "已连接", reconnecting: "正在重新连接…" },
      notSent: (reason) => "发送失败：" + reason,
      unreachable: "无法连接服务器",
    },
  };
  // A busy topic must not grow the page without bound: 500 short messages are well under 1 MB.
  const MAX_MESSAGES = 500;
  // Only used when the browser gives up on the stream (readyState CLOSED, e.g. the hub answered 503);
  // on network errors EventSource retries by itself.
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 30000;

  const language = heraldLanguage(); // language.js
  const text = TEXTS[language];

  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const list = document.getElementById("messages");
  const status = document.getElementById("status");
  const sendError = document.getElementById("send-error");

  // Resuming: EventSource sends Last-Event-ID on its own reconnects; a new EventSource cannot, so it
  // passes the last id it saw as ?lastEventID= and the hub replays what was missed.
  let lastEventId = "";
  let retryMs = RETRY_MIN_MS;

  translate();
  connect();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });

  function translate() {
    document.documentElement.lang = language;
    document.title = text.title;
    for (const element of document.querySelectorAll("[data-i18n]")) {
      element.textContent = text[element.dataset.i18n];
    }
    input.placeholder = text.placeholder;
    list.dataset.empty = text.empty;
    setStatus(status.dataset.state);
  }

  function setStatus(state) {
    status.dataset.state = state;
    status.textContent = text.status[state];
  }

  function connect() {
    const url = lastEventId ? "/stream?lastEventID=" + encodeURIComponent(lastEventId) : "/stream";
    const source = new EventSource(url);
    source.onopen = () => {
      retryMs = RETRY_MIN_MS;
      setStatus("open");
    };
    source.onmessage = (event) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      addMessage(event.data);
    };
    source.onerror = () => {
      setStatus("reconnecting");
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    };
  }

  function addMessage(data) {
    // Follow new messages only when the reader is already at the bottom, not while they scroll back.
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
    const item = document.createElement("li");
    item.textContent = data;
    list.append(item);
    while (list.childElementCount > MAX_MESSAGES) list.firstElementChild.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  // The input is cleared at once so the next message can be typed while this one is on its way;
  // on failure the text comes back (unless something new was typed) next to the server's reason.
  async function send() {
    const message = input.value;
    if (message.trim() === "") return;
    input.value = "";
    try {
      const response = await fetch("/send", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message }),
      });
      if (!response.ok) {
        failed(message, await reasonOf(response));
        return;
      }
      sendError.hidden = true;
    } catch (networkError) {
      failed(message, text.unreachable);
    }
  }

  function failed(message, reason) {
    if (input.value === "") input.value = message;
    sendError.textContent = text.notSent(reason);
    sendError.hidden = false;
  }

  async function reasonOf(response) {
    try {
      const body = await response.json();
      if (body && typeof body.error === "string") return body.error;
    } catch (notJson) {
      // fall through to the status line
    }
    return "HTTP " + response.status;
  }
})();
