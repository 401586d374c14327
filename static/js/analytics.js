// A stand-in for a real analytics tag, served by the portal itself. It is only ever loaded
// after the visitor accepted the "analytics" cookie group. It keeps a random visitor id in
// the `portal_analytics` cookie and counts page views locally; it sends nothing anywhere.
// A module: deferred, strict and scoped by itself, run once however often it is included.
const match = document.cookie.match(/(?:^|; )portal_analytics=([^;]+)/);
const id = match ? match[1] : Math.random().toString(36).slice(2) + Date.now().toString(36);
document.cookie = `portal_analytics=${id}; max-age=${60 * 60 * 24 * 395}; path=/; SameSite=Lax`;
window.portalAnalytics = { visitor: id, pageViews: (window.portalAnalytics || { pageViews: 0 }).pageViews + 1 };
document.documentElement.dataset.analytics = "on";
