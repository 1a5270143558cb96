'use strict';

// The key lives in sessionStorage only: it is gone when the tab closes.
const KEY = 'etl-admin-key';
const $ = (id) => document.getElementById(id);
const state = { registry: null, schema: null };

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function status(message, isError) {
  $('status').textContent = message;
  $('status').className = isError ? 'error' : '';
}

async function api(method, path, body) {
  const headers = { 'X-Api-Key': sessionStorage.getItem(KEY) || '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('/api' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(response.status + ' ' + ((data && (data.detail || data.title)) || response.statusText));
  }
  return data;
}

const enc = encodeURIComponent;
const schemaPath = () => '/registries/' + enc(state.registry) + '/schemas/' + enc(state.schema);

function fillList(list, items, label, onPick) {
  list.replaceChildren();
  for (const item of items) {
    const li = el('li', label(item));
    li.tabIndex = 0;
    const pick = () => {
      for (const other of list.children) other.classList.remove('selected');
      li.classList.add('selected');
      onPick(item);
    };
    li.addEventListener('click', pick);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
    list.append(li);
  }
}

async function loadRegistries() {
  const registries = await api('GET', '/registries');
  const select = $('registry');
  select.replaceChildren(...registries.map((r) => el('option', r.name)));
  if (registries.length > 0) {
    state.registry = registries[0].name;
    await loadSchemas();
  }
  status('Connected.');
}

async function loadSchemas() {
  const schemas = await api('GET', '/registries/' + enc(state.registry) + '/schemas');
  fillList($('schemas'), schemas, (s) => s.schemaName + '  (' + s.dataFormat + ', ' + s.compatibility + ')', (s) => run(() => loadVersions(s.schemaName)));
}

async function loadVersions(name) {
  state.schema = name;
  const [schema, versions] = await Promise.all([api('GET', schemaPath()), api('GET', schemaPath() + '/versions')]);
  $('schema-title').textContent = 'Versions of ' + name;
  $('schema-info').textContent = schema.dataFormat + ', mode ' + schema.compatibility + ', checkpoint ' + schema.schemaCheckpoint;
  fillList($('versions'), versions, (v) => 'v' + v.versionNumber + '  ' + v.status + '  ' + v.createdTime, (v) => run(() => showVersion(v.versionNumber)));
  $('report').replaceChildren();
}

async function showVersion(number) {
  const version = await api('GET', schemaPath() + '/versions/' + number);
  $('version-title').textContent = state.schema + ' v' + version.versionNumber + ' (' + version.schemaVersionId + ')';
  let text = version.definition || '';
  try { text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as stored */ }
  $('definition').textContent = text;
  if (!$('candidate').value) $('candidate').value = text;
}

function table(headers, rows) {
  const t = el('table');
  t.append(el('tr'));
  for (const h of headers) t.lastChild.append(el('th', h));
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', cell));
    t.append(tr);
  }
  return t;
}

function showReport(report) {
  const out = $('report');
  out.replaceChildren();
  out.append(el('p', report.safe ? 'Safe to register.' : 'Not safe to register.', report.safe ? 'good' : 'bad'));
  out.append(el('h3', 'Compatibility (' + report.mode + '): ' + (report.compatible ? 'compatible' : report.issues.length + ' issue(s)')));
  if (report.issues.length > 0) {
    out.append(table(['version', 'path', 'kind', 'message'], report.issues.map((i) => [i.version, i.path, i.kind, i.message])));
  }
  const impact = report.impact;
  out.append(el('h3', 'Athena table: ' + (impact.readableTogether ? 'old and new files read together' : 'old and new files cannot be read together')));
  for (const conflict of impact.conflicts) out.append(el('p', conflict, 'bad'));
  if (impact.changes.length > 0) out.append(table(['column change'], impact.changes.map((c) => [c])));
}

function candidate() {
  const text = $('candidate').value.trim();
  if (!state.schema) throw new Error('pick a schema first');
  if (!text) throw new Error('paste a candidate definition first');
  return text;
}

async function run(action) {
  try {
    await action();
  } catch (e) {
    status(e.message, true);
  }
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, $('key').value);
  $('key').value = '';
  run(loadRegistries);
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  status('Key forgotten.');
});
$('registry').addEventListener('change', (e) => {
  state.registry = e.target.value;
  run(loadSchemas);
});
$('dry-run').addEventListener('click', () => run(async () => {
  showReport(await api('POST', schemaPath() + '/dry-run', { definition: candidate() }));
  status('Dry run done.');
}));
$('register').addEventListener('click', () => run(async () => {
  const result = await api('POST', schemaPath() + '/versions', { definition: candidate() });
  status('Registered v' + result.versionNumber + ' (' + result.schemaVersionId + '): ' + result.status +
    (result.issues.length ? ' — ' + result.issues.map((i) => i.message).join('; ') : ''), result.status !== 'AVAILABLE');
  await loadVersions(state.schema);
}));

if (sessionStorage.getItem(KEY)) run(loadRegistries);
