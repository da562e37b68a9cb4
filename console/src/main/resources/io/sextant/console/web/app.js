// The Sextant console page. Every value from the store is put into the page with textContent (or dataset),
// never as HTML, so a record cannot inject markup or script. Updates arrive over Server-Sent Events; the page
// fetches the JSON a change names. EventSource reconnects by itself when the console restarts.
'use strict';

const state = {
  service: null, instances: [], fetchedAt: 0, sortKey: 'id', sortDir: 1, filter: '',
  strategy: null, strategies: [], flash: new Set(), timers: {}
};

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
  return r.json();
}

function later(key, fn, ms) {
  if (state.timers[key]) return;
  state.timers[key] = setTimeout(() => { state.timers[key] = null; fn().catch(report); }, ms || 60);
}

function report(err) { feed('error', String(err && err.message || err)); }

function duration(ms) {
  if (ms < 1000) return Math.max(0, Math.round(ms)) + 'ms';
  const s = Math.floor(ms / 1000);
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + (s % 60) + 's';
  const h = Math.floor(m / 60);
  if (h < 48) return h + 'h ' + (m % 60) + 'm';
  return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
}

function time(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleTimeString([], { hour12: false });
}

function pct(x) { return (x * 100).toFixed(1) + '%'; }

// ---- services
async function loadServices() {
  const data = await getJson('api/services');
  document.getElementById('where').textContent =
    'namespace ' + data.namespace + ' · ' + data.backend;
  const body = document.querySelector('#services tbody');
  clear(body);
  for (const s of data.services) {
    const tr = el('tr');
    tr.dataset.service = s.name;
    if (s.name === state.service) tr.classList.add('selected');
    tr.appendChild(el('td', s.name, 'mono'));
    tr.appendChild(el('td', s.instances, 'num'));
    const zones = el('td');
    zones.className = 'chips';
    for (const [z, n] of Object.entries(s.byZone)) zones.appendChild(el('span', (z || '(none)') + ' ' + n, 'chip'));
    tr.appendChild(zones);
    const statuses = el('td', null, 'chips');
    for (const [st, n] of Object.entries(s.byStatus)) statuses.appendChild(el('span', st + ' ' + n, 'chip ' + st));
    tr.appendChild(statuses);
    const cache = !s.ready ? el('td', 'loading', 'stale')
      : s.stale ? el('td', 'stale ' + duration(s.staleForMillis), 'stale')
      : el('td', 'fresh', 'fresh');
    cache.title = 'last change ' + duration(s.updatedAgoMillis) + ' ago, revision ' + s.revision;
    tr.appendChild(cache);
    tr.addEventListener('click', () => select(s.name));
    body.appendChild(tr);
  }
  document.getElementById('no-services').hidden = data.services.length > 0;
  const names = data.services.map(s => s.name);
  if (state.service === null || !names.includes(state.service)) {
    const wanted = decodeURIComponent(location.hash.slice(1));
    const next = names.includes(wanted) ? wanted : names[0];
    if (next !== undefined && next !== state.service) select(next);
  }
}

function select(name) {
  state.service = name;
  document.getElementById('selected').textContent = name;
  history.replaceState(null, '', '#' + encodeURIComponent(name));
  for (const tr of document.querySelectorAll('#services tbody tr')) {
    tr.classList.toggle('selected', tr.dataset.service === name);
  }
  loadInstances().catch(report);
  loadBalance().catch(report);
}

// ---- instances
async function loadInstances(flashIds) {
  if (state.service === null) return;
  const service = state.service;
  const data = await getJson('api/instances?service=' + encodeURIComponent(service));
  if (service !== state.service) return;
  state.instances = data.instances;
  state.fetchedAt = Date.now();
  if (flashIds) flashIds.forEach(id => state.flash.add(id));
  renderInstances();
  state.flash.clear();
}

function metaText(m) { return Object.entries(m).map(([k, v]) => k + '=' + v).join(' '); }

function matches(i, f) {
  if (!f) return true;
  const hay = [i.id, i.address, i.zone, i.status, metaText(i.metadata)].join(' ').toLowerCase();
  return hay.includes(f);
}

function sortValue(i, key) {
  if (key === 'metadata') return metaText(i.metadata);
  return i[key];
}

function renderInstances() {
  const body = document.querySelector('#instances tbody');
  clear(body);
  const f = state.filter.trim().toLowerCase();
  const list = state.instances.filter(i => matches(i, f));
  const k = state.sortKey, dir = state.sortDir;
  list.sort((a, b) => {
    const x = sortValue(a, k), y = sortValue(b, k);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * dir || a.id.localeCompare(b.id);
  });
  const elapsed = Date.now() - state.fetchedAt;
  for (const i of list) {
    const tr = el('tr');
    tr.dataset.id = i.id;
    if (state.flash.has(i.id)) tr.classList.add('flash');
    tr.appendChild(el('td', i.id, 'id'));
    tr.appendChild(el('td', i.address, 'address'));
    tr.appendChild(el('td', i.zone || '—'));
    tr.appendChild(el('td', i.weight, 'num'));
    const st = el('td');
    st.appendChild(el('span', i.status, 'chip ' + i.status));
    tr.appendChild(st);
    const meta = el('td', null, 'metadata');
    for (const [key, value] of Object.entries(i.metadata)) {
      const span = el('span', key + '=' + value, 'meta');
      span.title = key + '=' + value;
      meta.appendChild(span);
    }
    tr.appendChild(meta);
    const age = el('td', duration(i.registeredForMillis + elapsed), 'num age');
    age.dataset.base = String(i.registeredForMillis);
    tr.appendChild(age);
    tr.appendChild(el('td', time(i.lastChange)));
    body.appendChild(tr);
  }
  document.getElementById('no-instances').hidden = list.length > 0;
}

function tickAges() {
  const elapsed = Date.now() - state.fetchedAt;
  for (const td of document.querySelectorAll('#instances td.age')) {
    td.textContent = duration(Number(td.dataset.base) + elapsed);
  }
}

function setupSorting() {
  for (const th of document.querySelectorAll('#instances th[data-key]')) {
    th.addEventListener('click', () => {
      const key = th.dataset.key;
      state.sortDir = state.sortKey === key ? -state.sortDir : 1;
      state.sortKey = key;
      for (const other of document.querySelectorAll('#instances th[data-key]')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', state.sortDir > 0 ? 'ascending' : 'descending');
      renderInstances();
    });
  }
  document.getElementById('search').addEventListener('input', e => {
    state.filter = e.target.value;
    renderInstances();
  });
}

// ---- balancing
async function loadBalance() {
  if (state.service === null) return;
  const service = state.service;
  const q = 'api/balance?service=' + encodeURIComponent(service)
    + (state.strategy ? '&strategy=' + encodeURIComponent(state.strategy) : '');
  const data = await getJson(q);
  if (service !== state.service) return;
  const select = document.getElementById('strategy');
  if (state.strategies.join() !== data.strategies.join()) {
    state.strategies = data.strategies;
    clear(select);
    for (const s of data.strategies) select.appendChild(el('option', s));
  }
  state.strategy = data.strategy;
  select.value = data.strategy;
  const body = document.querySelector('#balance tbody');
  clear(body);
  for (const r of data.instances) {
    const tr = el('tr');
    tr.dataset.id = r.id;
    tr.dataset.share = String(r.share);
    tr.dataset.weightShare = String(r.weightShare);
    tr.appendChild(el('td', r.id, 'id'));
    tr.appendChild(el('td', r.weight, 'num'));
    tr.appendChild(el('td', pct(r.weightShare), 'num'));
    const barCell = el('td');
    const bar = el('div', null, 'bar');
    const fill = el('div', null, 'fill');
    fill.style.width = Math.min(100, r.share * 100) + '%';
    const mark = el('div', null, 'mark');
    mark.style.left = Math.min(100, r.weightShare * 100) + '%';
    mark.title = 'weight share';
    bar.appendChild(fill);
    bar.appendChild(mark);
    barCell.appendChild(bar);
    tr.appendChild(barCell);
    tr.appendChild(el('td', pct(r.share), 'num share'));
    tr.appendChild(el('td', r.breaker || '—', r.breaker ? 'breaker-' + r.breaker : ''));
    body.appendChild(tr);
  }
  const err = document.getElementById('balance-error');
  err.hidden = !data.error;
  err.textContent = data.error || '';
}

// ---- health
async function loadHealth() {
  const h = await getJson('api/health');
  const dl = document.getElementById('health');
  clear(dl);
  const rows = [
    ['Backend', h.backend],
    ['Endpoints', Object.values(h.endpoints).join(', ') || '—'],
    ['Namespace', h.namespace],
    ['Connection', h.connection + (h.connectionSince ? ' since ' + time(h.connectionSince) : '')],
    ['Healthy', h.healthy ? 'yes' : 'no'],
    ['Registrations', h.registrations + ' (' + h.pending + ' pending, ' + h.awaitingRepair + ' awaiting repair)']
  ];
  for (const [k, v] of rows) {
    dl.appendChild(el('dt', k));
    const dd = el('dd', v);
    if (k === 'Connection') dd.id = 'connection';
    dl.appendChild(dd);
  }
  const body = document.querySelector('#caches tbody');
  clear(body);
  for (const c of h.caches) {
    const tr = el('tr');
    tr.dataset.service = c.service;
    tr.appendChild(el('td', c.service, 'mono'));
    tr.appendChild(el('td', c.instances, 'num'));
    tr.appendChild(el('td', !c.ready ? 'loading' : c.stale ? 'stale ' + duration(c.staleForMillis) : 'fresh',
      c.stale ? 'stale' : 'fresh'));
    tr.appendChild(el('td', c.corruptRecords, 'num corrupt'));
    body.appendChild(tr);
  }
}

// ---- feed
function feed(kind, text, at) {
  const list = document.getElementById('feed');
  const li = el('li');
  li.appendChild(el('span', time(at || new Date().toISOString()), 't'));
  li.appendChild(el('span', kind, 'k'));
  li.appendChild(el('span', text));
  list.insertBefore(li, list.firstChild);
  while (list.childNodes.length > 200) list.removeChild(list.lastChild);
}

function refreshAll() {
  return Promise.all([loadServices(), loadHealth(), loadInstances(), loadBalance()]);
}

function connect() {
  const live = document.getElementById('live');
  const es = new EventSource('api/events');
  es.addEventListener('hello', () => {
    live.textContent = 'live';
    live.classList.remove('off');
    feed('console', 'event stream open');
    refreshAll().catch(report);
  });
  es.addEventListener('change', e => {
    const d = JSON.parse(e.data);
    const parts = [];
    if (d.added.length) parts.push('+' + d.added.join(', +'));
    if (d.removed.length) parts.push('−' + d.removed.join(', −'));
    if (d.updated.length) parts.push('~' + d.updated.join(', ~'));
    feed(d.service, (parts.join('  ') || (d.stale ? 'cache stale' : 'cache fresh')) + ' (' + d.size + ' now)', d.at);
    later('services', loadServices);
    later('health', loadHealth, 300);
    if (d.service === state.service) {
      const ids = d.added.concat(d.updated);
      loadInstances(ids).catch(report);
      later('balance', loadBalance, 200);
    }
  });
  es.addEventListener('services', () => later('services', loadServices));
  es.addEventListener('registry', e => {
    const d = JSON.parse(e.data);
    feed(d.type.replace(/Event$/, ''), (d.service ? d.service + ': ' : '') + d.detail, d.at);
    later('health', loadHealth, 100);
  });
  es.onerror = () => {
    live.textContent = 'reconnecting…';
    live.classList.add('off');
  };
}

document.addEventListener('DOMContentLoaded', () => {
  setupSorting();
  document.getElementById('strategy').addEventListener('change', e => {
    state.strategy = e.target.value;
    loadBalance().catch(report);
  });
  document.getElementById('rerun').addEventListener('click', () => loadBalance().catch(report));
  setInterval(tickAges, 1000);
  connect();
});
