// Netra review workspace: keyboard shortcuts, the decision form's "not a violation" step and the claim
// heartbeat. Progressive enhancement only — every action works without this script — and served from
// /assets so the CSP can keep forbidding inline script.
(() => {
  const body = document.body;
  const form = document.getElementById('decide-form');
  const help = document.getElementById('kbd-help');
  const decision = form ? form.querySelector('select[name=decision]') : null;
  let awaitingReason = false;

  const typing = (el) =>
    el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) && el.type !== 'radio';

  function syncForm() {
    if (!form || !decision) return;
    const dismissed = decision.value === 'dismissed';
    const violation = form.querySelector('[data-violation]');
    const reasons = form.querySelector('[data-dismiss]');
    if (violation) violation.hidden = dismissed;
    if (reasons) reasons.hidden = !dismissed;
    const label = form.querySelector('select[name=label]');
    if (dismissed) {
      // "Bukan pelanggaran" clears what the model suggested in one step.
      for (const name of ['candidate', 'stance', 'category']) {
        const field = form.querySelector(`select[name=${name}]`);
        if (field) field.value = '';
      }
      if (label) label.value = 'neutral';
    } else if (decision.value === 'confirmed' && label) {
      label.value = 'endorse';
    }
  }

  function choose(value) {
    if (!decision || decision.disabled) return;
    decision.value = value;
    syncForm();
  }

  function focusSave() {
    const save = document.getElementById('f-save');
    if (save) save.focus();
  }

  function toggleHelp(open) {
    if (!help) return;
    help.hidden = open === undefined ? !help.hidden : !open;
    if (!help.hidden) {
      const close = help.querySelector('[data-close-help]');
      if (close) close.focus();
    }
  }

  function go(rel) {
    const link = document.querySelector(`a[rel=${rel}]`);
    if (link) window.location.assign(link.href);
  }

  if (decision) decision.addEventListener('change', syncForm);
  for (const b of document.querySelectorAll('[data-open-help]')) b.addEventListener('click', () => toggleHelp(true));
  for (const b of document.querySelectorAll('[data-close-help]')) b.addEventListener('click', () => toggleHelp(false));

  document.addEventListener('keydown', (event) => {
    // Ctrl+Enter saves from anywhere in the form (Enter in the note adds a line).
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && form?.contains(event.target)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      toggleHelp(false);
      awaitingReason = false;
      return;
    }
    if (typing(event.target)) return;
    const key = event.key;
    if (awaitingReason && /^[1-6]$/.test(key)) {
      const radio = form?.querySelector(`input[name=reason][data-key="${key}"]`);
      awaitingReason = false;
      if (radio) {
        radio.checked = true;
        event.preventDefault();
        if (radio.value === 'other') document.getElementById('f-note').focus();
        else focusSave();
      }
      return;
    }
    awaitingReason = false;
    const actions = {
      j: () => go('next'),
      k: () => go('prev'),
      c: () => {
        choose('confirmed');
        focusSave();
      },
      d: () => {
        choose('dismissed');
        awaitingReason = true;
        const first = form?.querySelector('input[name=reason]');
        if (first) first.closest('fieldset').scrollIntoView({ block: 'nearest' });
      },
      e: () => {
        choose('escalated');
        const note = document.getElementById('f-note');
        if (note) note.focus();
      },
      n: () => {
        const note = document.getElementById('f-note');
        if (note) note.focus();
      },
      '/': () => {
        const search = document.getElementById('review-search');
        if (search) search.focus();
      },
      '?': () => toggleHelp(),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // Focus lands on the post (or on the list of problems when the form came back refused).
  const errors = document.getElementById('form-errors');
  const post = document.getElementById('post');
  if (errors) errors.focus();
  else if (post) post.focus({ preventScroll: true });

  // The claim: extended while the page is open, given back when the analyst leaves without deciding.
  const claimUrl = body.dataset.claimUrl;
  const releaseUrl = body.dataset.releaseUrl;
  const csrf = body.dataset.csrf;
  const lease = Number(body.dataset.leaseSeconds || '0');
  if (claimUrl && csrf && lease > 0) {
    const beat = () =>
      fetch(claimUrl, {
        method: 'POST',
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: '{}',
        credentials: 'same-origin',
      }).catch(() => undefined);
    const timer = setInterval(beat, Math.max(1000, (lease * 1000) / 3));
    let submitted = false;
    if (form)
      form.addEventListener('submit', () => {
        submitted = true;
      });
    window.addEventListener('pagehide', () => {
      clearInterval(timer);
      if (submitted || !releaseUrl) return;
      const data = new URLSearchParams({ _csrf: csrf });
      navigator.sendBeacon(releaseUrl, data);
    });
  }
})();
