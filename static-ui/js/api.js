// The gateway's REST API (gateway-war/README.md), same origin. Errors are JSON {error, detail, field}.

const TIMEOUT_MS = 15000;

/** A failed call: `status` 0 when the gateway could not be reached at all. */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super((body && body.detail) || (status ? `HTTP ${status}` : "The server could not be reached."));
    this.status = status;
    this.code = (body && body.error) || (status ? "http_error" : "network_error");
    this.field = (body && body.field) || null;
    this.retryAfter = retryAfter;
  }
}

/**
 * A JSON client. `token()` gives the bearer token or null; `onUnauthorized(error)` is told about
 * every 401 of a call made with a token (expired, revoked) before the call rejects.
 */
export function createClient({ token = () => null, onUnauthorized = () => {} } = {}) {
  async function request(method, path, body) {
    const headers = { Accept: "application/json" };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
        signal: abort.signal,
      });
    } catch {
      throw new ApiError(0, { error: "network_error", detail: "The server could not be reached." });
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = { error: "invalid_response", detail: `The server answered ${response.status} without JSON.` };
      }
    }
    if (!response.ok) {
      const retry = Number(response.headers.get("Retry-After"));
      const error = new ApiError(response.status, json, Number.isFinite(retry) ? retry : null);
      if (response.status === 401 && bearer) onUnauthorized(error);
      throw error;
    }
    return json;
  }
  /**
   * A file as a Blob (the download routes answer bytes, not JSON); its errors are JSON like every
   * call's. The bytes never become a page: the caller saves them (`saveBlob` in attachments.js).
   */
  async function download(path) {
    const headers = { Accept: "*/*" };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let response;
    try {
      response = await fetch(path, { headers, credentials: "same-origin", cache: "no-store" });
    } catch {
      throw new ApiError(0, { error: "network_error", detail: "The server could not be reached." });
    }
    if (!response.ok) {
      const json = await response.json().catch(() => null);
      const error = new ApiError(response.status, json, null);
      if (response.status === 401 && bearer) onUnauthorized(error);
      throw error;
    }
    return response.blob();
  }
  /**
   * Uploads `file` (a File or Blob) as the raw body: its type as Content-Type (the server types it
   * by its bytes anyway), its name percent-encoded in X-Filename. Answers the JSON, errors as usual.
   */
  async function upload(path, file) {
    const headers = {
      Accept: "application/json",
      "Content-Type": file.type || "application/octet-stream",
      "X-Filename": encodeURIComponent(file.name || "file"),
    };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let response;
    try {
      response = await fetch(path, { method: "POST", headers, body: file, credentials: "same-origin", cache: "no-store" });
    } catch {
      throw new ApiError(0, { error: "network_error", detail: "The server could not be reached." });
    }
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      const retry = Number(response.headers.get("Retry-After"));
      const error = new ApiError(response.status, json, Number.isFinite(retry) ? retry : null);
      if (response.status === 401 && bearer) onUnauthorized(error);
      throw error;
    }
    return json;
  }
  return {
    download,
    upload,
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, body),
    patch: (path, body) => request("PATCH", path, body),
    put: (path, body) => request("PUT", path, body),
    delete: (path) => request("DELETE", path),
  };
}

/** The operator routes. */
export function operatorApi(client) {
  const id = encodeURIComponent;
  return {
    login: (username, password) => client.post("/login", { username, password }),
    logout: () => client.post("/logout"),
    conversations: ({ view = "open", sort = "activity", cursor, limit = 20 } = {}) => {
      const query = new URLSearchParams({ view, sort, limit: String(limit) });
      if (cursor) query.set("cursor", cursor);
      return client.get(`/conversations?${query}`);
    },
    counts: () => client.get("/conversations/counts"),
    team: () => client.get("/team"),
    search: ({ q, cursor, limit = 20 }) => {
      const query = new URLSearchParams({ q, limit: String(limit) });
      if (cursor) query.set("cursor", cursor);
      return client.get(`/search?${query}`);
    },
    conversation: (conversationId) => client.get(`/conversations/${id(conversationId)}`),
    relatedConversations: (conversationId) => client.get(`/conversations/${id(conversationId)}/related`),
    attachment: (attachmentId) => client.download(`/attachments/${id(attachmentId)}`),
    // A file for a reply not sent yet (AttachmentView); `send` names it in `attachmentIds`.
    upload: (conversationId, file) => client.upload(`/conversations/${id(conversationId)}/attachments`, file),
    updateConversation: (conversationId, change) => client.patch(`/conversations/${id(conversationId)}`, change),
    // The caller's read position moves to this message (only ever forward); answers ReadPosition.
    markRead: (conversationId, messageId) => client.put(`/conversations/${id(conversationId)}/read`, { message_id: messageId }),
    send: (conversationId, content, clientMessageId, internal = false, attachmentIds = []) =>
      client.post("/messages", {
        conversation_id: conversationId,
        content,
        client_message_id: clientMessageId,
        ...(internal ? { internal: true } : {}),
        ...(attachmentIds.length ? { attachment_ids: attachmentIds } : {}),
      }),
    reanalyze: (messageId) => client.post(`/messages/${id(messageId)}/reanalyze`),
    // What the operator did with a message's AI insight (ai-feedback.js); the AI quality figures
    // (ai-quality.js, admins only: 403 for operators).
    feedback: (messageId, body) => client.post(`/messages/${id(messageId)}/feedback`, body),
    aiQuality: ({ from, to } = {}) => {
      const query = new URLSearchParams();
      if (from) query.set("from", from);
      if (to) query.set("to", to);
      const text = query.toString();
      return client.get(text ? `/ai-quality?${text}` : "/ai-quality");
    },
    // An admin's decision on operators' correction of a message's intent: approved, the message's
    // text with that intent becomes a learned example of the embedded classifier. Answers AiExample.
    reviewCorrection: (messageId, intent, status) =>
      client.put(`/ai-quality/corrections/${id(messageId)}`, { intent, status }),
    // Admins only (403 for operators): the team and the audit log.
    operators: () => client.get("/operators"),
    createOperator: (operator) => client.post("/operators", operator),
    changeOperator: (username, change) => client.patch(`/operators/${id(username)}`, change),
    audit: (filters = {}, cursor = null, limit = 50) => {
      const query = new URLSearchParams({ limit: String(limit) });
      for (const key of ["action", "actor", "subject", "from", "to"]) {
        if (filters[key]) query.set(key, filters[key]);
      }
      if (cursor) query.set("cursor", cursor);
      return client.get(`/audit?${query}`);
    },
    // The team's saved replies (saved-replies.js, reply-picker.js); only admins may delete.
    savedReplies: (q) => client.get(q ? `/saved-replies?${new URLSearchParams({ q })}` : "/saved-replies"),
    createSavedReply: ({ title, shortcut, body }) => client.post("/saved-replies", { title, shortcut, body }),
    updateSavedReply: (replyId, change) => client.patch(`/saved-replies/${id(replyId)}`, change),
    deleteSavedReply: (replyId) => client.delete(`/saved-replies/${id(replyId)}`),
    // The knowledge base (knowledge-base.js): by title, `q` on the title, `tag` one tag, pages of
    // `limit` from `offset`; `putArticle` replaces (with `version`: 409 when changed meanwhile).
    articles: ({ q, tag, offset = 0, limit = 50 } = {}) => {
      const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });
      if (q) query.set("q", q);
      if (tag) query.set("tag", tag);
      return client.get(`/kb/articles?${query}`);
    },
    article: (articleId) => client.get(`/kb/articles/${id(articleId)}`),
    createArticle: ({ title, body, tags, language }) => client.post("/kb/articles", { title, body, tags, language }),
    putArticle: (articleId, { title, body, tags, language, version }) =>
      client.put(`/kb/articles/${id(articleId)}`, { title, body, tags, language, version }),
    deleteArticle: (articleId) => client.delete(`/kb/articles/${id(articleId)}`),
  };
}

/** The customer routes: a customer token reaches its own conversation only. */
export function customerApi(client) {
  return {
    start: (name, email, content, clientMessageId) =>
      client.post("/customer/conversations", { name, ...(email ? { email } : {}), content, client_message_id: clientMessageId }),
    send: (content, clientMessageId, attachmentIds = []) =>
      client.post("/customer/messages", {
        content,
        client_message_id: clientMessageId,
        ...(attachmentIds.length ? { attachment_ids: attachmentIds } : {}),
      }),
    // A file for a message not sent yet (AttachmentView); `send` names it in `attachmentIds`.
    upload: (file) => client.upload("/customer/attachments", file),
    conversation: () => client.get("/customer/conversation"),
    attachment: (attachmentId) => client.download(`/customer/attachments/${encodeURIComponent(attachmentId)}`),
    // The customer has seen the conversation up to this message (CustomerReadPosition): no email
    // fallback is sent for it.
    read: (messageId) => client.post("/customer/read", { message_id: messageId }),
    // A fresh token for the same conversation (CustomerToken), before this one expires.
    renew: () => client.post("/customer/token"),
    logout: () => client.post("/logout"),
  };
}

/** A sentence for people from a failed call. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return "Something went wrong.";
  if (error.status === 0) return "The server could not be reached. Check your connection and try again.";
  if (error.status === 429) {
    return error.retryAfter ? `Too many attempts. Try again in ${error.retryAfter} s.` : "Too many attempts. Try again shortly.";
  }
  if (error.status === 503) return "The service is temporarily unavailable. Try again in a moment.";
  if (error.status >= 500) return "The server had a problem. Try again in a moment.";
  return error.message;
}
