/** Saves a file the server sent as a real download, under the server's name (an object URL, no inline script). */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
