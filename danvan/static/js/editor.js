// The rich-text editor of news bodies and disclosure texts: django-prose-editor's ProseMirror/Tiptap bundle,
// imported as a module from the package's own static files (no CDN, no import map, no inline script or
// style: the site's CSP forbids them). Every <textarea data-rich-text> becomes an editor; the textarea keeps
// the HTML and is what the form posts, so without JavaScript the same form still works.
import { MENU_LABELS } from "./editor-vi.js"
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Image,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Strike,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  Underline,
} from "../django_prose_editor/editor.js"

const MSO_LIST = /mso-list:\s*l(\d+)\s+level(\d+)/i

// A pasted style attribute would be applied, and refused by the CSP, when the HTML is parsed (even in a
// DOMParser document): it is renamed before parsing, read where it tells a Word list, and then dropped.
const STYLE_ATTRIBUTE = /(<[^>]*?\s)style=("[^"]*"|'[^']*'|[^\s>]+)/gi

// Word's HTML: lists are paragraphs with "mso-list" styles and a bullet or number in a span; the rest of
// its markup (classes, styles, <o:p>, conditional comments) the editor's schema drops by itself.
function cleanPastedHtml(html) {
  let previous
  do {
    previous = html
    html = html.replace(STYLE_ATTRIBUTE, "$1data-pasted-style=$2")
  } while (html !== previous)
  const doc = new DOMParser().parseFromString(html, "text/html")
  doc.querySelectorAll("o\\:p, style, meta, link, xml, script").forEach((n) => n.remove())
  let list = null
  for (const p of Array.from(doc.body.querySelectorAll("p"))) {
    const style = p.getAttribute("data-pasted-style") || ""
    if (!MSO_LIST.test(style) && !/MsoListParagraph/i.test(p.className)) {
      list = null
      continue
    }
    const marker = Array.from(p.querySelectorAll("span")).find((span) =>
      /mso-list:\s*Ignore/i.test(span.getAttribute("data-pasted-style") || ""),
    )
    const text = marker ? marker.textContent.trim() : ""
    if (marker) marker.remove()
    const ordered = /^[0-9a-zA-Z]+[.)]$/.test(text)
    if (!list || list.tagName.toLowerCase() !== (ordered ? "ol" : "ul")) {
      list = doc.createElement(ordered ? "ol" : "ul")
      p.before(list)
    }
    const li = doc.createElement("li")
    li.innerHTML = p.innerHTML
    list.append(li)
    p.remove()
  }
  doc.body.querySelectorAll("[data-pasted-style],[class]").forEach((n) => {
    n.removeAttribute("data-pasted-style")
    n.removeAttribute("class")
  })
  return doc.body.innerHTML
}

// Tiptap's table draws its columns with inline styles (<colgroup><col style=…>), which the CSP refuses:
// the stored HTML never keeps them (the server's allow-list drops them), so neither does the editor.
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    return ["table", HTMLAttributes, ["tbody", 0]]
  },
})

function csrfToken(form) {
  const input = form && form.querySelector("input[name=csrfmiddlewaretoken]")
  return input ? input.value : ""
}

function imageControls(textarea, editor) {
  const url = textarea.dataset.uploadUrl
  if (!url) return
  const form = textarea.form
  const box = document.createElement("div")
  box.className = "editor-image"
  const id = `${textarea.id}-anh`
  box.innerHTML = `
    <label for="${id}">Chèn ảnh vào nội dung (JPG, PNG, WEBP)</label>
    <input type="file" id="${id}" accept="image/jpeg,image/png,image/webp">
    <label for="${id}-mo-ta">Mô tả ảnh (cho người khiếm thị)</label>
    <input type="text" id="${id}-mo-ta" maxlength="255">
    <button type="button" class="btn btn-secondary">Tải ảnh lên và chèn</button>
    <p class="help" role="status" aria-live="polite"></p>`
  const [file, alt] = box.querySelectorAll("input")
  const status = box.querySelector("p")
  box.querySelector("button").addEventListener("click", async () => {
    if (!file.files.length) {
      status.textContent = "Vui lòng chọn một ảnh."
      return
    }
    const data = new FormData()
    data.append("image", file.files[0])
    const unit = form && form.querySelector("[name=unit]")
    if (unit && unit.value) data.append("unit", unit.value)
    status.textContent = "Đang tải ảnh lên…"
    try {
      const response = await fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(form) },
        credentials: "same-origin",
      })
      const answer = await response.json()
      if (!response.ok) {
        status.textContent = answer.detail || "Không tải được ảnh."
        return
      }
      editor.chain().focus().setImage({ src: answer.url, alt: alt.value.trim() }).run()
      // the new image is selected: go on typing below it instead of replacing it
      if (editor.state.selection.node) editor.commands.createParagraphNear()
      status.textContent = "Đã chèn ảnh."
      file.value = ""
      alt.value = ""
    } catch {
      status.textContent = "Không tải được ảnh, vui lòng thử lại."
    }
  })
  textarea.closest(".prose-editor").after(box)
}

// Vietnamese names on the toolbar (title and aria-label; the icon is a ligature of the Material Icons font)
function relabel(wrapper) {
  for (const button of wrapper.querySelectorAll(".prose-menubar [data-name]")) {
    const label = MENU_LABELS[button.dataset.name]
    if (!label) continue
    if (button.classList.contains("prose-menubar__option")) {
      const text = button.firstElementChild || button
      if (text.textContent !== label) text.textContent = label
    } else if (button.title !== label) {
      button.title = label
      button.setAttribute("aria-label", label)
    }
  }
  const selected = wrapper.querySelector(".prose-menubar__selected button")
  if (selected && selected.title !== "Kiểu đoạn") {
    selected.title = "Kiểu đoạn"
    selected.setAttribute("aria-label", "Kiểu đoạn")
  }
}

// the menu is drawn once the editor's view is mounted, and redrawn as the selection moves
function keepRelabelled(wrapper) {
  relabel(wrapper)
  new MutationObserver(() => relabel(wrapper)).observe(wrapper, {
    childList: true,
    subtree: true,
    attributeFilter: ["title"],
  })
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return
  const wrapper = document.createElement("div")
  wrapper.className = "prose-editor"
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new Editor({
    element: wrapper,
    injectCSS: false, // Tiptap would add a <style> element: refused by the CSP; editor.css has the rules
    content: textarea.value,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      History,
      Dropcursor,
      Gapcursor,
      Menu,
      Heading.configure({ levels: [2, 3, 4] }),
      Bold,
      Italic,
      Underline,
      Strike,
      Link.configure({ openOnClick: false }),
      BulletList,
      OrderedList,
      ListItem,
      Blockquote,
      HorizontalRule,
      PlainTable,
      TableRow,
      TableHeader,
      TableCell,
      Image,
    ],
    editorProps: {
      transformPastedHTML: cleanPastedHtml,
      attributes: { "aria-label": textarea.labels[0] ? textarea.labels[0].textContent.trim() : "Nội dung" },
    },
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = html === "<p></p>" ? "" : html
    },
  })
  textarea.hidden = true
  keepRelabelled(wrapper)
  imageControls(textarea, editor)
  document.documentElement.dataset.editorReady = "1"
  return editor
}

// the table dialog offers "Yes"/"No" as raw values: keep the value, show it in Vietnamese
const CHOICES = { Yes: "Có", No: "Không" }
new MutationObserver(() => {
  for (const option of document.querySelectorAll("dialog select option")) {
    const label = CHOICES[option.textContent]
    if (label) {
      option.value = option.textContent
      option.textContent = label
    }
  }
}).observe(document.body, { childList: true, subtree: true })

for (const textarea of document.querySelectorAll("textarea[data-rich-text]")) {
  try {
    createEditor(textarea)
  } catch (error) {
    // the textarea stays as it is: the form still posts plain text or HTML
    console.warn("Không khởi tạo được trình soạn thảo:", error)
    textarea.hidden = false
  }
}
