// rowgate console: uploads with a progress bar, and live progress of loads, backups and restores.
// Plain JavaScript, served from the jar: the console works offline.
"use strict";

function csrfHeaders() {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return header && token ? {[header.content]: token.content} : {};
}

function every(ms, step) {
  const run = async () => {
    if (await step() !== false) {
      setTimeout(run, ms);
    }
  };
  run();
}

// Loads: each unfinished batch is asked for its counts every second until it is done or failed.
function followBatches() {
  document.querySelectorAll('tr[data-batch][data-finished="false"]').forEach(row => {
    every(1000, async () => {
      const answer = await fetch('/console/loads/' + encodeURIComponent(row.dataset.batch), {headers: {Accept: 'application/json'}});
      if (!answer.ok) {
        return false;
      }
      const batch = await answer.json();
      for (const field of ['received', 'valid', 'rejected', 'persisted', 'waiting', 'state']) {
        const cell = row.querySelector('[data-field="' + field + '"]');
        if (cell) {
          cell.textContent = batch[field] === undefined || batch[field] === null ? '' : batch[field];
        }
      }
      const state = row.querySelector('[data-field="state"]');
      state.className = 'state ' + batch.state;
      const progress = row.querySelector('[data-field="progress"]');
      if (progress && batch.received) {
        progress.value = (batch.persisted + batch.rejected) / batch.received;
      }
      const finished = batch.state === 'done' || batch.state === 'failed';
      row.dataset.finished = String(finished);
      return !finished;
    });
  });
}

// Loads: a CSV file sent from the browser, its bytes' progress shown; the batch then follows in the list.
function uploads() {
  const form = document.getElementById('upload');
  if (!form) {
    return;
  }
  form.addEventListener('submit', event => {
    event.preventDefault();
    const table = document.getElementById('upload-table').value;
    const file = document.getElementById('upload-file').files[0];
    const progress = document.getElementById('upload-progress');
    const status = document.getElementById('upload-status');
    const body = new FormData();
    body.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', form.dataset.action + encodeURIComponent(table) + '/csv');
    Object.entries(csrfHeaders()).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Sending ' + file.name + '…';
    request.upload.addEventListener('progress', e => {
      if (e.lengthComputable) {
        progress.value = Math.round(100 * e.loaded / e.total);
      }
    });
    request.addEventListener('load', () => {
      let answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (e) {
        answer = {detail: request.statusText};
      }
      if (request.status === 202) {
        progress.value = 100;
        status.textContent = file.name + ': ' + answer.rows + ' rows accepted as batch ' + answer.batchId;
        status.dataset.batch = answer.batchId;
        setTimeout(() => window.location.assign('/console/loads?table=' + encodeURIComponent(table)), 800);
      } else {
        status.textContent = file.name + ' refused (' + request.status + '): ' + (answer.detail || request.statusText);
        status.className = 'problem';
      }
    });
    request.addEventListener('error', () => {
      status.textContent = file.name + ': the upload stopped (' + (request.statusText || 'no answer') + ')';
      status.className = 'problem';
    });
    request.send(body);
  });
}

// Backups: a backup or restore under way, asked for its progress every second until it ends.
function followOperation() {
  const box = document.getElementById('operation');
  if (!box) {
    return;
  }
  every(1000, async () => {
    const answer = await fetch(box.dataset.operation, {headers: {Accept: 'application/json'}});
    const state = document.getElementById('operation-state');
    if (!answer.ok) {
      state.textContent = 'unknown (' + answer.status + ')';
      return false;
    }
    const operation = await answer.json();
    const progress = document.getElementById('operation-progress');
    const detail = document.getElementById('operation-detail');
    // A finished backup answers with its manifest, which has no state.
    const current = operation.state || 'done';
    state.textContent = current;
    if (operation.total) {
      progress.value = operation.done / operation.total;
    }
    if (current === 'running') {
      detail.textContent = (operation.phase || '') + ' ' + operation.done + (operation.total ? ' of ' + operation.total : '')
        + ' ' + (operation.unit || '');
      return true;
    }
    progress.value = 1;
    if (current === 'failed') {
      detail.textContent = operation.error;
      detail.className = 'problem';
    } else {
      const rows = operation.rows !== undefined ? operation.rows : (operation.result || {}).rows;
      detail.textContent = 'done: ' + rows + ' rows';
    }
    return false;
  });
}

document.addEventListener('DOMContentLoaded', () => {
  followBatches();
  uploads();
  followOperation();
});
