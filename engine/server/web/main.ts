/**
 * The web page of `clause-cascade serve`: upload, progress, summary, a sortable and filterable results table grouped
 * by cluster, report download. It speaks the same legacy API as any other client (status polled every 1.5 s).
 */
import type { JobStats, ResultRow } from '../jobs/types.ts';

const POLL_MS = 1500;
type SortKey = 'cluster_id' | 'cluster_name' | 'frequency' | 'advice_code';

interface ClusterGroup {
  cluster_id: string;
  cluster_name: string;
  frequency: number;
  advice_code: string;
  rows: ResultRow[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = { groups: [] as ClusterGroup[], sort: 'cluster_id' as SortKey, descending: false };

async function detailOf(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: the fallback says enough
  }
  return fallback;
}

function showError(message: string | null): void {
  const error = $<HTMLParagraphElement>('error');
  error.hidden = message === null;
  error.textContent = message ?? '';
}

function showProgress(percent: number, message: string): void {
  $<HTMLElement>('progress-panel').hidden = false;
  $<HTMLProgressElement>('progress').value = percent;
  $<HTMLParagraphElement>('status-message').textContent = `${message} (${percent}%)`;
}

function buildForm(): FormData {
  const form = new FormData();
  const policy = $<HTMLInputElement>('policy').files?.[0];
  if (policy) form.append('policy_file', policy);
  for (const file of $<HTMLInputElement>('conditions').files ?? []) form.append('conditions_files', file);
  for (const file of $<HTMLInputElement>('library').files ?? []) form.append('clause_library_files', file);
  form.append('analysis_mode', $<HTMLSelectElement>('mode').value);
  form.append('cluster_accuracy', $<HTMLInputElement>('accuracy').value);
  return form;
}

/** Rows of one cluster together; NVT rows (not clustered) form one group of their own. */
function groupRows(results: ResultRow[]): ClusterGroup[] {
  const groups = new Map<string, ClusterGroup>();
  for (const row of results) {
    let group = groups.get(row.cluster_id);
    if (!group) {
      group = { cluster_id: row.cluster_id, cluster_name: row.cluster_name, frequency: 0, advice_code: row.advice_code, rows: [] };
      groups.set(row.cluster_id, group);
    }
    group.rows.push(row);
    group.frequency = group.rows.length;
  }
  return [...groups.values()];
}

function compareGroups(a: ClusterGroup, b: ClusterGroup): number {
  const key = state.sort;
  const order = key === 'frequency' ? a.frequency - b.frequency : a[key].localeCompare(b[key], 'nl', { numeric: true });
  return state.descending ? -order : order;
}

function cell(row: HTMLTableRowElement, text: string): void {
  row.insertCell().textContent = text;
}

function renderTable(): void {
  const needle = $<HTMLInputElement>('filter-text').value.trim().toLowerCase();
  const advice = $<HTMLSelectElement>('filter-advice').value;
  const body = $<HTMLTableElement>('table').tBodies[0]!;
  body.replaceChildren();
  let shownRows = 0;
  let shownGroups = 0;
  for (const group of [...state.groups].sort(compareGroups)) {
    const rows = group.rows.filter(
      (r) => (advice === '' || r.advice_code === advice) && (needle === '' || [r.original_text, r.cluster_name, r.cluster_id, r.advice_code].some((v) => v.toLowerCase().includes(needle))),
    );
    if (rows.length === 0) continue;
    shownGroups++;
    shownRows += rows.length;
    const head = body.insertRow();
    head.className = 'cluster';
    cell(head, group.cluster_id);
    cell(head, group.cluster_name);
    cell(head, String(group.frequency));
    cell(head, group.advice_code);
    cell(head, group.rows[0]!.original_text);
    for (const row of rows) {
      const member = body.insertRow();
      member.className = 'member';
      cell(member, '');
      cell(member, '');
      cell(member, '');
      cell(member, row.advice_code);
      cell(member, row.original_text);
    }
  }
  $<HTMLSpanElement>('shown').textContent = `${shownGroups} clusters, ${shownRows} rijen`;
}

function renderSummary(jobId: string, stats: JobStats): void {
  const list = $<HTMLDListElement>('stats');
  list.replaceChildren();
  const facts: Array<[string, string]> = [
    ['Rijen', String(stats.total_rows)],
    ['Clusters', String(stats.unique_clusters)],
    ['Reductie', `${stats.reduction_percentage}%`],
    ['Modus', stats.analysis_mode],
    ...Object.entries(stats.advice_distribution).map(([label, count]): [string, string] => [label, String(count)]),
  ];
  for (const [term, value] of facts) {
    list.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: value }));
  }
  $<HTMLAnchorElement>('download').href = `/api/report/${encodeURIComponent(jobId)}`;
  $<HTMLElement>('summary').hidden = false;
}

async function showResults(jobId: string): Promise<void> {
  const response = await fetch(`/api/results/${encodeURIComponent(jobId)}`);
  if (!response.ok) throw new Error(await detailOf(response, 'Resultaten ophalen mislukt'));
  const { stats, results } = (await response.json()) as { stats: JobStats; results: ResultRow[] };
  renderSummary(jobId, stats);
  state.groups = groupRows(results);
  const adviceFilter = $<HTMLSelectElement>('filter-advice');
  adviceFilter.replaceChildren(new Option('Alle', ''), ...Object.keys(stats.advice_distribution).map((label) => new Option(label, label)));
  $<HTMLElement>('results').hidden = false;
  renderTable();
}

async function follow(jobId: string): Promise<void> {
  for (;;) {
    const response = await fetch(`/api/status/${encodeURIComponent(jobId)}`);
    if (!response.ok) throw new Error(await detailOf(response, 'Status ophalen mislukt'));
    const status = (await response.json()) as { status: string; progress: number; status_message: string; error: string | null };
    showProgress(status.progress, status.status_message);
    if (status.status === 'failed') throw new Error(status.error ?? status.status_message);
    if (status.status === 'completed') return showResults(jobId);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function start(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const button = $<HTMLButtonElement>('start');
  button.disabled = true;
  showError(null);
  $<HTMLElement>('summary').hidden = true;
  $<HTMLElement>('results').hidden = true;
  try {
    const response = await fetch('/api/analyze', { method: 'POST', body: buildForm() });
    if (!response.ok) throw new Error(await detailOf(response, 'Kon analyse niet starten'));
    const { job_id } = (await response.json()) as { job_id: string };
    showProgress(0, 'In de wachtrij...');
    await follow(job_id);
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    button.disabled = false;
  }
}

function sortBy(header: HTMLTableCellElement): void {
  const key = header.dataset.sort as SortKey;
  state.descending = state.sort === key ? !state.descending : false;
  state.sort = key;
  for (const th of document.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) th.removeAttribute('aria-sort');
  header.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
  renderTable();
}

$<HTMLFormElement>('upload').addEventListener('submit', (event) => void start(event));
$<HTMLInputElement>('accuracy').addEventListener('input', (event) => {
  $<HTMLOutputElement>('accuracy-value').textContent = (event.target as HTMLInputElement).value;
});
$<HTMLInputElement>('filter-text').addEventListener('input', renderTable);
$<HTMLSelectElement>('filter-advice').addEventListener('change', renderTable);
for (const th of document.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) th.addEventListener('click', () => sortBy(th));
