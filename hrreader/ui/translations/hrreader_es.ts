<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>FindBar</name>
    <message>
        <location filename="../search_panel.py" line="+433"/>
        <location line="+1"/>
        <source>Find in this page</source>
        <translation>Buscar en esta página</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Coincidencia anterior (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation>Coincidencia siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match (Enter)</source>
        <translation>Coincidencia siguiente (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find</source>
        <translation>Cerrar la búsqueda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find (Escape)</source>
        <translation>Cerrar la búsqueda (Escape)</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <location filename="../export.py" line="+173"/>
        <source>there is no topic or section &apos;{0}&apos; in this pack</source>
        <extracomment>Layout units: CSS pixels, 96 to the inch, whatever the screen or printer. Section title when the handout is one section, else &quot;&quot;. Safe HTML of the content, without the page title and the reader&apos;s footer.</extracomment>
        <translation>no hay ningún tema ni sección &apos;{0}&apos; en este paquete</translation>
    </message>
    <message>
        <location line="+369"/>
        <source>cannot write the handout (is the file open elsewhere, or the disk full?)</source>
        <translation>no se puede escribir el folleto (¿está el archivo abierto en otro programa o el disco lleno?)</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>unknown page size &apos;{0}&apos; (use letter or a4)</source>
        <translation>tamaño de página desconocido &apos;{0}&apos; (use letter o a4)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>cannot write {0}: the folder {1} does not exist</source>
        <translation>no se puede escribir {0}: la carpeta {1} no existe</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot write {0}</source>
        <translation>no se puede escribir {0}</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../kiosk.py" line="+325"/>
        <location line="+1"/>
        <source>Are you still reading?</source>
        <translation>¿Sigue leyendo?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, keep reading</source>
        <translation>Sí, seguir leyendo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&apos;m finished</source>
        <translation>Ya terminé</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>To keep your visit private, the screen will start over for the next person in {0} seconds.</source>
        <translation>Para proteger su privacidad, la pantalla volverá a empezar para la próxima persona en {0} segundos.</translation>
    </message>
</context>
<context>
    <name>KioskController</name>
    <message>
        <location line="+275"/>
        <source>I&apos;m finished</source>
        <translation>Ya terminé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start over for the next person: forget everything from this visit</source>
        <translation>Empezar de nuevo para la próxima persona: se borra todo lo de esta visita</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Staff exit</source>
        <translation>Salida del personal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app.py" line="+151"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reader hit a problem it did not expect. You can keep reading; if it happens again, please tell the people who gave you this reader.

{0}</source>
        <translation>El lector tuvo un problema inesperado. Puede seguir leyendo; si vuelve a pasar, avísele a las personas que le dieron este lector.

{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="+365"/>
        <source>Quick exit</source>
        <extracomment>Toolbar buttons that drop their words (icon only, with the same tooltip and accessible name) when the bar is too narrow for all of them, in this order: the arrows and A-/A+ speak for themselves; the language button keeps its words longest, since a language&apos;s own name is how a reader who cannot read this one finds it. The content and interface language changed (``set_language``): windows showing content of their own (a presentation, the kiosk&apos;s start screen) follow it. Toolbar buttons shown without words because the bar is narrow (fit_toolbar). The smallest text size in points, 0 for none (set_min_font_size). Made on first use (F5, Ctrl+B…): most visits never present, and start-up is budgeted (DESIGN.md). Set by build_window when the bundled pack opened unchecked, to check after paint.</extracomment>
        <translation>Salida rápida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hide the reader at once and forget this visit (or press Shift 3 times)</source>
        <translation>Ocultar el lector de inmediato y olvidar esta visita (o presione Shift 3 veces)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back to the page before</source>
        <translation>Volver a la página anterior</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Forward</source>
        <translation>A&amp;delante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go forward again</source>
        <translation>Ir hacia adelante otra vez</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Home</source>
        <translation>&amp;Inicio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to the first page</source>
        <translation>Ir a la primera página</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Larger text</source>
        <translation>Texto más &amp;grande</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make the text larger</source>
        <translation>Hacer el texto más grande</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Smaller text</source>
        <translation>Texto más &amp;pequeño</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make the text smaller</source>
        <translation>Hacer el texto más pequeño</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Normal text size</source>
        <translation>Tamaño de texto &amp;normal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return the text to its normal size</source>
        <translation>Volver el texto a su tamaño normal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search every topic and resource</source>
        <translation>Buscar en todos los temas y recursos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Find in page</source>
        <translation>Buscar en la &amp;página</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find words in the page you are reading</source>
        <translation>Buscar palabras en la página que está leyendo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Resources</source>
        <translation>&amp;Recursos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to the list of hotlines and services</source>
        <translation>Ir a la lista de líneas de ayuda y servicios</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next pa&amp;ne</source>
        <translation>Panel si&amp;guiente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to the next part of the window</source>
        <translation>Ir a la siguiente parte de la ventana</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pre&amp;vious pane</source>
        <translation>Panel an&amp;terior</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to the previous part of the window</source>
        <translation>Ir a la parte anterior de la ventana</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next colour &amp;theme</source>
        <translation>Siguiente &amp;tema de colores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch between light, dark and high-contrast colours</source>
        <translation>Cambiar entre colores claros, oscuros y de alto contraste</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;About this reader</source>
        <translation>&amp;Acerca de este lector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What this reader is and where its content comes from</source>
        <translation>Qué es este lector y de dónde viene su contenido</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Print handout…</source>
        <translation>Imprimir &amp;folleto…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print this topic as a handout, with QR codes for its resources</source>
        <translation>Imprimir este tema como folleto, con códigos QR para sus recursos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Export handout…</source>
        <translation>&amp;Exportar folleto…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this topic as a PDF handout</source>
        <translation>Guardar este tema como folleto en PDF</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Present from here</source>
        <translation>&amp;Presentar desde aquí</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show this section full screen in large type, one section at a time</source>
        <translation>Mostrar esta sección en pantalla completa con letra grande, una sección a la vez</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Present the session p&amp;laylist</source>
        <translation>Presentar la &amp;lista de la sesión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the sections picked for this session, in order</source>
        <translation>Mostrar en orden las secciones elegidas para esta sesión</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add section to playlist</source>
        <translation>&amp;Agregar la sección a la lista</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the section you are reading to the session playlist</source>
        <translation>Agregar la sección que está leyendo a la lista de la sesión</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Session playlist…</source>
        <translation>Lista de la &amp;sesión…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See, reorder and remove the sections picked for this session</source>
        <translation>Ver, ordenar y quitar las secciones elegidas para esta sesión</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+26"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Show the reader in {0}</source>
        <translation>Ver el lector en {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the language of the reader</source>
        <translation>Elegir el idioma del lector</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colours</source>
        <translation>&amp;Colores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Present</source>
        <translation>&amp;Presentar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search: overdose, naloxone, 988…</source>
        <translation>Buscar: sobredosis, naloxona, 988…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results appear as you type. Up and Down choose, Enter opens, Escape clears.</source>
        <translation>Los resultados aparecen mientras escribe. Las flechas arriba y abajo eligen, Enter abre y Escape borra.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This content pack has {0} problem(s); some pages may be missing.</source>
        <translation>Este paquete de contenido tiene {0} problema(s); puede que falten algunas páginas.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>This link cannot be opened</source>
        <translation>Este enlace no se puede abrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For your safety, this reader opens only its own pages and https website links.

{0}</source>
        <translation>Por su seguridad, este lector solo abre sus propias páginas y enlaces a sitios web https.

{0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no page called &apos;{0}&apos;.</source>
        <translation>No hay ninguna página llamada &apos;{0}&apos;.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no resource called &apos;{0}&apos;.</source>
        <translation>No hay ningún recurso llamado &apos;{0}&apos;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open this website on your own phone</source>
        <translation>Abra este sitio web en su propio teléfono</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This computer does not open websites. Point your phone&apos;s camera at the code to open the address on your phone, or copy it down:</source>
        <translation>Esta computadora no abre sitios web. Apunte la cámara de su teléfono al código para abrir la dirección en su teléfono, o cópiela:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a website?</source>
        <translation>¿Abrir un sitio web?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This opens your web browser, which needs the internet and may keep a history of the visit.

{0}

Open it?</source>
        <translation>Esto abre su navegador web, que necesita internet y puede guardar un historial de la visita.

{0}

¿Desea abrirlo?</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not found</source>
        <translation>No se encontró</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reader</source>
        <translation>Lector</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Text size {0}%</source>
        <translation>Tamaño del texto: {0}%</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Print a handout</source>
        <translation>Imprimir un folleto</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The handout was not printed</source>
        <translation>El folleto no se imprimió</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent {0} page(s) to the printer.</source>
        <translation>Se enviaron {0} página(s) a la impresora.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save a handout</source>
        <translation>Guardar un folleto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The handout was not saved</source>
        <translation>El folleto no se guardó</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved a {0}-page handout to {1}</source>
        <translation>Se guardó un folleto de {0} página(s) en {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>An offline reader for harm-reduction information. It never uses the internet.</source>
        <translation>Un lector sin conexión con información sobre reducción de daños. Nunca usa internet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is general information, not medical advice. In an emergency, call 911.</source>
        <translation>Esta es información general, no es consejo médico. En una emergencia, llame al 911.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content: {0}, version {1}.</source>
        <translation>Contenido: {0}, versión {1}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About this reader</source>
        <translation>Acerca de este lector</translation>
    </message>
</context>
<context>
    <name>MinFontMenu</name>
    <message>
        <location filename="../text_size.py" line="+149"/>
        <source>&amp;Minimum text size</source>
        <extracomment>The choices offered in View &gt; Minimum text size, in points; 0 is &quot;no minimum&quot;. The largest minimum accepted (command line, settings): beyond this nothing fits a screen. Widgets whose words take the application&apos;s default size, and the resource card, whose text follows its widget&apos;s font. Other text browsers are left out: the reading pane and slides size their own text (a widget font would replace the page&apos;s). Dynamic properties: a widget&apos;s stylesheet as its code set it, and as floored here. The search field&apos;s own minimum width, while squeeze_toolbar has lent some of it.</extracomment>
        <translation>Tamaño &amp;mínimo del texto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No minimum</source>
        <translation>Sin mínimo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} pt</source>
        <translation>{0} pt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Let text be as small as it is designed</source>
        <translation>Dejar el texto del tamaño con que fue diseñado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never show text smaller than {0} points</source>
        <translation>No mostrar nunca texto de menos de {0} puntos</translation>
    </message>
</context>
<context>
    <name>PageAccessible</name>
    <message>
        <location filename="../a11y_page.py" line="+307"/>
        <source>page: {0}</source>
        <extracomment>Said by a screen reader after a link&apos;s words: where the link goes.</extracomment>
        <translation>página: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page: {0}, section: {1}</source>
        <translation>página: {0}, sección: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resource: {0}</source>
        <translation>recurso: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this page: {0}</source>
        <translation>esta página: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>website {0}</source>
        <translation>sitio web {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>link: {0}</source>
        <translation>enlace: {0}</translation>
    </message>
</context>
<context>
    <name>PlaylistDialog</name>
    <message>
        <location filename="../present.py" line="+1197"/>
        <location line="+1"/>
        <source>Session playlist</source>
        <translation>Lista de la sesión</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sections to show in this session, in order. Ctrl+B in the reader adds the section you are reading.</source>
        <translation>Secciones para mostrar en esta sesión, en orden. Ctrl+B en el lector agrega la sección que está leyendo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sections in the playlist</source>
        <translation>Secciones de la lista</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sections yet. Open a section in the reader and press Ctrl+B.</source>
        <translation>Todavía no hay secciones. Abra una sección en el lector y presione Ctrl+B.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add current section</source>
        <translation>&amp;Agregar la sección actual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move &amp;up</source>
        <translation>&amp;Subir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move up (Ctrl+Up)</source>
        <translation>Subir (Ctrl+flecha arriba)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move &amp;down</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move down (Ctrl+Down)</source>
        <translation>Bajar (Ctrl+flecha abajo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove from the playlist (Delete)</source>
        <translation>Quitar de la lista (Delete)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Present playlist</source>
        <translation>&amp;Presentar la lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show these sections one at a time (Shift+F5)</source>
        <translation>Mostrar estas secciones una a la vez (Shift+F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Ctrl+Up and Ctrl+Down move a section, Delete removes it, Enter opens it.</source>
        <translation>Ctrl+flecha arriba y Ctrl+flecha abajo mueven una sección, Delete la quita y Enter la abre.</translation>
    </message>
</context>
<context>
    <name>PlaylistModel</name>
    <message>
        <location line="-164"/>
        <source>{0}: introduction</source>
        <translation>{0}: introducción</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <location line="-252"/>
        <source>Presentation</source>
        <translation>Presentación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Presenter view – {0}</source>
        <translation>Vista del presentador – {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Presenter view</source>
        <translation>Vista del presentador</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Section {0} of {1}</source>
        <translation>Sección {0} de {1}</translation>
    </message>
</context>
<context>
    <name>PresenterScreen</name>
    <message>
        <location line="-219"/>
        <source>Presenter view</source>
        <extracomment>The slide shown (show_slide), so a new language can describe it again.</extracomment>
        <translation>Vista del presentador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sections in this presentation</source>
        <translation>Secciones de esta presentación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The slide the client sees</source>
        <translation>La diapositiva que ve el cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Up next</source>
        <translation>A continuación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◀  &amp;Previous</source>
        <translation>◀  &amp;Anterior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous section</source>
        <translation>Sección anterior</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next  ▶</source>
        <translation>&amp;Siguiente  ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next section</source>
        <translation>Sección siguiente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Blank the client&apos;s screen</source>
        <translation>&amp;Oscurecer la pantalla del cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank the client&apos;s screen</source>
        <translation>Oscurecer la pantalla del cliente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xit presentation</source>
        <translation>Sa&amp;lir de la presentación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit presentation</source>
        <translation>Salir de la presentación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the reader (Escape)</source>
        <translation>Volver al lector (Escape)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Next section (Right, Page Down or Space)</source>
        <translation>Sección siguiente (flecha derecha, Page Down o espacio)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Previous section (Left, Page Up or Backspace)</source>
        <translation>Sección anterior (flecha izquierda, Page Up o Backspace)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide the slide for a moment (B)</source>
        <translation>Ocultar la diapositiva un momento (B)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The end of the presentation</source>
        <translation>Fin de la presentación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escape or Exit presentation returns to the reader.</source>
        <translation>Escape o “Salir de la presentación” vuelve al lector.</translation>
    </message>
</context>
<context>
    <name>QrCodeView</name>
    <message>
        <location filename="../qr.py" line="+175"/>
        <source>QR code</source>
        <extracomment>Modules of white around the code; the QR standard asks for four. Smallest side, in pixels, at which a phone reliably reads a code off a screen.</extracomment>
        <translation>Código QR</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <location line="+301"/>
        <source>QR code for {0}</source>
        <extracomment>A dialog text: words, or a function that gives them in the interface language (so the dialog can say them again when the language changes while it is open).</extracomment>
        <translation>Código QR de {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>QuickExitButton</name>
    <message>
        <location filename="../privacy.py" line="+196"/>
        <source>Hides the reader at once and forgets this visit. Shift 3 times also works.</source>
        <extracomment>Shift pressed this many times within this many seconds is a quick exit. Escape pressed this many times within this many seconds is a quick exit. One key press reaches the filter several times (its ShortcutOverride, then once per widget it propagates to); repeats of a key not yet released within this time are one press.</extracomment>
        <translation>Oculta el lector de inmediato y olvida esta visita. Presionar Shift 3 veces también funciona.</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../reader.py" line="+103"/>
        <source>Reading pane</source>
        <extracomment>Characters per line the text is kept to, for comfortable reading. Pixels kept free beside a fitted heading or picture: room for a scroll bar that appears once the page is laid out. Where a fitted heading or picture keeps the size its page gave it (char format properties). Letters that may carry accents, so a highlight for &quot;reduccion&quot; also marks &quot;reducción&quot;. Once, when the page first reaches the screen: the window finishes building then. Text is never smaller than this many points (0: no minimum); see text_size.py. The layout width headings and pictures were last fitted to (_fit_page).</extracomment>
        <translation>Panel de lectura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The topic you are reading. Tab moves between its links.</source>
        <translation>El tema que está leyendo. Tab pasa de un enlace a otro.</translation>
    </message>
</context>
<context>
    <name>ResourcePanel</name>
    <message>
        <location filename="../resource_list.py" line="+58"/>
        <source>Crisis</source>
        <extracomment>The filter buttons: (key, label, tags that count as a match). The labels are translated when shown (``ResourcePanel.tr``); QT_TRANSLATE_NOOP lets lupdate find them here.</extracomment>
        <translation>Crisis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdose</source>
        <translation>Sobredosis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mental health</source>
        <translation>Salud mental</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>LGBTQ+</source>
        <translation>LGBTQ+</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sexual health</source>
        <translation>Salud sexual</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24/7</source>
        <translation>24/7</translation>
    </message>
    <message>
        <location line="+318"/>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter: name, need or number</source>
        <translation>Filtrar: nombre, ayuda o número</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter resources</source>
        <translation>Filtrar recursos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The list shows only matching resources. Down or Enter goes to the list.</source>
        <translation>La lista muestra solo los recursos que coinciden. La flecha abajo o Enter lleva a la lista.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the filter</source>
        <translation>Borrar el filtro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show only: {0}</source>
        <translation>Mostrar solo: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resource list</source>
        <translation>Lista de recursos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resource details</source>
        <translation>Detalles del recurso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resource card</source>
        <translation>Ficha del recurso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chosen resource&apos;s details and QR codes. Arrow keys scroll.</source>
        <translation>Los datos y los códigos QR del recurso elegido. Las flechas desplazan la ficha.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send {word} to {number}</source>
        <translation>envíe {word} al {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serves</source>
        <translation>Atiende a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked by a person on {date}.</source>
        <translation>Revisado por una persona el {date}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a resource to see how to reach it.</source>
        <translation>Elija un recurso para ver cómo comunicarse.</translation>
    </message>
</context>
<context>
    <name>ResourceQrPanel</name>
    <message>
        <location filename="../qr.py" line="-180"/>
        <source>Scan to call</source>
        <translation>Escanee para llamar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan to text</source>
        <translation>Escanee para enviar un texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan to open the website</source>
        <translation>Escanee para abrir el sitio web</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show a QR code that calls this number</source>
        <translation>Mostrar un código QR que llama a este número</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a QR code that starts a text message</source>
        <translation>Mostrar un código QR que empieza un mensaje de texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a QR code that opens the website</source>
        <translation>Mostrar un código QR que abre el sitio web</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take it with you</source>
        <translation>Lléveselo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point your phone&apos;s camera at the code. Nothing is written down.</source>
        <translation>Apunte la cámara de su teléfono al código. No queda nada escrito.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>send</source>
        <translation>envíe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>al</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../search_panel.py" line="-116"/>
        <source>Search results</source>
        <extracomment>Above this many topics a query runs on a worker thread instead of the UI thread. What the status line describes: the last results, or None (waiting, or nothing).</extracomment>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open crisis resource: {0}</source>
        <translation>Abrir recurso de crisis: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try fewer words, another spelling, or a word like overdose, naloxone, crisis or testing. You can also browse the topics.

If you need to talk to someone now:</source>
        <translation>Pruebe con menos palabras, otra forma de escribirlas o una palabra como sobredosis, naloxona, crisis o prueba. También puede ver la lista de temas.

Si necesita hablar con alguien ahora:</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Getting search ready…</source>
        <translation>Preparando la búsqueda…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No results for “{0}”.</source>
        <translation>No hay resultados para “{0}”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing results for: {0}</source>
        <translation>Mostrando resultados para: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 result</source>
        <translation>1 resultado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} results</source>
        <translation>{0} resultados</translation>
    </message>
</context>
<context>
    <name>SessionPresenter</name>
    <message>
        <location filename="../present.py" line="+663"/>
        <source>Open a topic first, then present it.</source>
        <extracomment>Where presentations may go; a test replaces it to pretend there are two screens. Makes the running presentation&apos;s slides again in another language.</extracomment>
        <translation>Primero abra un tema y luego preséntelo.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The session playlist is empty. Press Ctrl+B to add the section you are reading.</source>
        <translation>La lista de la sesión está vacía. Presione Ctrl+B para agregar la sección que está leyendo.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Open a topic first, then add a section of it.</source>
        <translation>Primero abra un tema y luego agregue una de sus secciones.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}” is already in the session playlist.</source>
        <translation>“{0}” ya está en la lista de la sesión.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added “{0}” to the session playlist ({1} sections).</source>
        <translation>Se agregó “{0}” a la lista de la sesión ({1} secciones).</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../sidebar.py" line="+223"/>
        <source>Topics</source>
        <extracomment>Packs with more topics than this start with their categories closed: a list of a few headings is easier to scan than thousands of titles, and much faster to show. Computed once: combining enum flags in Python is slow when Qt asks 80,000 times. Position among the parent&apos;s children (kept, so ``parent()`` is O(1) at 10,000 topics). A topic&apos;s sections, turned into child nodes only when the view first asks for them.</extracomment>
        <translation>Temas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories and topics. Press Enter to open one.</source>
        <translation>Categorías y temas. Presione Enter para abrir uno.</translation>
    </message>
</context>
<context>
    <name>SlideScreen</name>
    <message>
        <location filename="../present.py" line="-1083"/>
        <source>Presentation</source>
        <extracomment>The interface language changed: the presentation says its words again.</extracomment>
        <translation>Presentación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank screen</source>
        <translation>Pantalla en negro</translation>
    </message>
</context>
<context>
    <name>SlideView</name>
    <message>
        <location line="-191"/>
        <source>Slide</source>
        <extracomment>The settings key of the session playlist (a list of addresses), kept only in personal mode. Presentation clickers send PageDown/PageUp; some send arrows; keyboards add the rest. Clickers&apos; &quot;black screen&quot; button sends B or a full stop. Characters per line on a slide: shorter than the reader&apos;s, as slides are read from afar. The most characters a line may hold when a long slide&apos;s type is made smaller. Slide text is never made smaller than this (times the reader&apos;s base size) to fit. How much further a slide may shrink below the floor when that makes all of it fit. Screen size the mode&apos;s ``text_scale`` is meant for; larger screens get larger type. The slide was laid out again (a new slide, or the screen changed size).</extracomment>
        <translation>Diapositiva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The section being presented.</source>
        <translation>La sección que se está presentando.</translation>
    </message>
</context>
<context>
    <name>StaffExitDialog</name>
    <message>
        <location filename="../kiosk.py" line="-194"/>
        <source>Staff exit</source>
        <translation>Salida del personal</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No staff PIN is set on this computer, so the kiosk cannot be left from here.

To set one, run this command on this computer, then try again:
    hrreader kiosk-pin
(on Windows: hrreader-cli kiosk-pin)</source>
        <translation>Esta computadora no tiene un PIN del personal, así que no se puede salir del quiosco desde aquí.

Para crear uno, ejecute este comando en esta computadora y vuelva a intentarlo:
    hrreader kiosk-pin
(en Windows: hrreader-cli kiosk-pin)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many wrong PINs. Try again in {0} seconds.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {0} segundos.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter the staff PIN to leave the kiosk.</source>
        <translation>Escriba el PIN del personal para salir del quiosco.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>That PIN is not right. {0} more tries before the prompt locks for a minute.</source>
        <translation>Ese PIN no es correcto. Le quedan {0} intentos antes de que se bloquee por un minuto.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location line="-308"/>
        <source>From {0}</source>
        <extracomment>The smallest a finger can reliably press, in pixels (WCAG 2.5.5, Apple&apos;s HIG). Seconds the &quot;Are you still reading?&quot; countdown runs before everything resets.</extracomment>
        <translation>De {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Welcome. Read about staying safer, mental health, sexual health and where to get help, at your own pace.</source>
        <translation>Le damos la bienvenida. Lea sobre cómo cuidarse mejor, la salud mental, la salud sexual y dónde conseguir ayuda, a su propio ritmo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose your language</source>
        <translation>Elija su idioma</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start reading</source>
        <translation>Empezar a leer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing you read here is saved. When you are done, press “I&apos;m finished” and the screen starts over for the next person.</source>
        <translation>Nada de lo que lea aquí se guarda. Cuando termine, presione “Ya terminé” y la pantalla volverá a empezar para la próxima persona.</translation>
    </message>
</context>
</TS>
