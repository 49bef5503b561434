// The preview's only script: tabs, and reloading when the draft changes on disk.
const tabs = [...document.querySelectorAll('[data-tab]')];

function show(name) {
  for (const tab of tabs) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    document.getElementById(tab.dataset.tab)?.toggleAttribute('hidden', !selected);
  }
}

if (tabs.length > 0) {
  const fromHash = location.hash.slice(1);
  show(tabs.some((tab) => tab.dataset.tab === fromHash) ? fromHash : tabs[0].dataset.tab);
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      // The hash keeps the tab across the reloads that follow each save.
      history.replaceState(null, '', `#${tab.dataset.tab}`);
      show(tab.dataset.tab);
    });
  }
}

const draft = document.body.dataset.draft;
const events = new EventSource('/events');
events.addEventListener('change', (event) => {
  const changed = JSON.parse(event.data).draft;
  if (draft === undefined || changed === '*' || changed === draft) location.reload();
});
