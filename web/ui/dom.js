// Small DOM helpers. Text always goes in through textContent: nothing a person or the server
// wrote is ever parsed as HTML.

// el('li', {className: 'x', dataset: {id}, attrs: {title: '…'}}, 'text', childNode, …)
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  const { className, dataset, attrs, text } = options;
  if (className) node.className = className;
  if (dataset) Object.assign(node.dataset, dataset);
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no element #${id}`);
  return node;
}

// Shows a message in an element that is hidden while it has none.
export function showMessage(node, message) {
  node.textContent = message ?? '';
  node.hidden = !message;
}
