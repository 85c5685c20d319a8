<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>AnswerOutputs</name>
    <message>
        <source>Output of code block {number}</source>
        <translation>Keluaran blok kode {number}</translation>
    </message>
    <message>
        <source>Output of code block {number} of answer {answer}</source>
        <translation>Keluaran blok kode {number} dari jawaban {answer}</translation>
    </message>
</context>
<context>
    <name>AnswerPane</name>
    <message>
        <source>Ask a question below. Qwen thinks, runs Python in its sandbox, and answers here.</source>
        <translation>Ajukan pertanyaan di bawah. Qwen akan berpikir, menjalankan Python di sandbox-nya, lalu menjawab di sini.</translation>
    </message>
    <message>
        <source>Show earlier turns ({count})</source>
        <translation>Tampilkan giliran sebelumnya ({count})</translation>
    </message>
</context>
<context>
    <name>BranchPager</name>
    <message>
        <source>Previous version</source>
        <translation>Versi sebelumnya</translation>
    </message>
    <message>
        <source>Show the previous version of this turn and what followed it</source>
        <translation>Tampilkan versi sebelumnya dari giliran ini beserta lanjutannya</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Versi berikutnya</translation>
    </message>
    <message>
        <source>Show the next version of this turn and what followed it</source>
        <translation>Tampilkan versi berikutnya dari giliran ini beserta lanjutannya</translation>
    </message>
    <message>
        <source>Version {number} of {count}</source>
        <translation>Versi {number} dari {count}</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Copied</source>
        <translation>Tersalin</translation>
    </message>
    <message>
        <source>Run locally</source>
        <translation>Jalankan di komputer ini</translation>
    </message>
    <message>
        <source>Run this turn&apos;s code up to this block on this computer, in order, and show what it prints</source>
        <translation>Jalankan kode giliran ini hingga blok ini secara berurutan di komputer ini, dan tampilkan keluarannya</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <source>Copy exactly the code the interpreter ran</source>
        <translation>Salin persis kode yang dijalankan interpreter</translation>
    </message>
    <message>
        <source>writing code…</source>
        <translation>menulis kode…</translation>
    </message>
</context>
<context>
    <name>CodeCopyButtons</name>
    <message>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <source>Copy this code block, without its fences</source>
        <translation>Salin blok kode ini, tanpa pagarnya</translation>
    </message>
    <message>
        <source>Copy code block {number}</source>
        <translation>Salin blok kode {number}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Jalankan</translation>
    </message>
    <message>
        <source>Stop code block {number} of answer {answer}</source>
        <translation>Hentikan blok kode {number} dari jawaban {answer}</translation>
    </message>
    <message>
        <source>Run code block {number} of answer {answer}</source>
        <translation>Jalankan blok kode {number} dari jawaban {answer}</translation>
    </message>
    <message>
        <source>Run this block on this computer, after the answer&apos;s Python blocks before it: in order, in one process, so they share variables. What each prints shows under the answer</source>
        <translation>Jalankan blok ini di komputer ini, setelah blok Python jawaban sebelumnya: berurutan, dalam satu proses, sehingga variabelnya dipakai bersama. Keluaran tiap blok tampil di bawah jawaban</translation>
    </message>
    <message>
        <source>Block {number}: {first_line}</source>
        <translation>Blok {number}: {first_line}</translation>
    </message>
    <message>
        <source>Stop block {number}</source>
        <translation>Hentikan blok {number}</translation>
    </message>
    <message>
        <source>Run block {number}: {first_line}</source>
        <translation>Jalankan blok {number}: {first_line}</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Code the interpreter runs appears here, one block per run.</source>
        <translation>Kode yang dijalankan interpreter muncul di sini, satu blok untuk setiap eksekusi.</translation>
    </message>
    <message>
        <source>{connection} uses the OpenAI-compatible protocol, which does not return the code the interpreter runs: it cannot appear here. The thinking pane marks where it probably ran.</source>
        <translation>{connection} memakai protokol kompatibel OpenAI, yang tidak mengembalikan kode yang dijalankan interpreter: kode tidak dapat tampil di sini. Panel proses berpikir menandai tempat kode kemungkinan dijalankan.</translation>
    </message>
    <message>
        <source>This connection</source>
        <translation>Koneksi ini</translation>
    </message>
    <message>
        <source>This reply comes through {connection}, an OpenAI-compatible connection.</source>
        <translation>Balasan ini datang melalui {connection}, koneksi yang kompatibel dengan OpenAI.</translation>
    </message>
    <message>
        <source>This reply comes through an OpenAI-compatible connection.</source>
        <translation>Balasan ini datang melalui koneksi yang kompatibel dengan OpenAI.</translation>
    </message>
    <message>
        <source>That protocol does not return the code the interpreter runs, nor how many times it ran: use a DashScope native connection to see it here.</source>
        <translation>Protokol itu tidak mengembalikan kode yang dijalankan interpreter, juga tidak berapa kali kode dijalankan: gunakan koneksi DashScope native untuk melihatnya di sini.</translation>
    </message>
    <message>
        <source>Nothing has arrived for {seconds} s: the interpreter may be running code.</source>
        <translation>Tidak ada data masuk selama {seconds} dtk: interpreter mungkin sedang menjalankan kode.</translation>
    </message>
    <message>
        <source>Probable run #{number}: silent for {seconds} s (the code is not returned by this protocol)</source>
        <translation>Kemungkinan eksekusi #{number}: tanpa data selama {seconds} dtk (kode tidak dikembalikan oleh protokol ini)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Model for this conversation</source>
        <translation>Model untuk percakapan ini</translation>
    </message>
    <message>
        <source>The model this conversation asks; empty: the connection profile&apos;s model</source>
        <translation>Model yang ditanya dalam percakapan ini; kosong: model profil koneksi</translation>
    </message>
    <message>
        <source>System prompt…</source>
        <translation>Prompt sistem…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>bawaan</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>Thinking budget for this conversation</source>
        <translation>Anggaran berpikir untuk percakapan ini</translation>
    </message>
    <message>
        <source>Most reasoning tokens per question; default: the budget in Settings, or the service&apos;s own</source>
        <translation>Token penalaran terbanyak per pertanyaan; bawaan: anggaran di Pengaturan, atau bawaan layanan</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Berpikir</translation>
    </message>
    <message>
        <source>{model} (default)</source>
        <translation>{model} (bawaan)</translation>
    </message>
    <message>
        <source>System prompt ●</source>
        <translation>Prompt sistem ●</translation>
    </message>
    <message>
        <source>System prompt (set)</source>
        <translation>Prompt sistem (diatur)</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>Instruksi yang dikirim sebelum setiap pertanyaan dalam percakapan ini</translation>
    </message>
    <message>
        <source>System prompt (none)</source>
        <translation>Prompt sistem (tidak ada)</translation>
    </message>
</context>
<context>
    <name>CostLabel</name>
    <message>
        <source>An estimate from the token counts the service reported and your price table; the code interpreter itself is not billed, but each of its rounds adds input tokens</source>
        <translation>Perkiraan dari jumlah token yang dilaporkan layanan dan tabel harga Anda; interpreter kode sendiri tidak ditagih, tetapi setiap putarannya menambah token masukan</translation>
    </message>
    <message>
        <source>turn {cost}</source>
        <translation>giliran {cost}</translation>
    </message>
    <message>
        <source>conversation {cost}</source>
        <translation>percakapan {cost}</translation>
    </message>
    <message>
        <source>{costs} (estimate)</source>
        <translation>{costs} (perkiraan)</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Limit thinking to</source>
        <translation>Batasi proses berpikir hingga</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generasi</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>Anggaran berpikir</translation>
    </message>
    <message>
        <source>Enter sends the question (Ctrl+Enter for a new line)</source>
        <translation>Enter mengirim pertanyaan (Ctrl+Enter untuk baris baru)</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>Mati: Enter membuat baris baru dan Ctrl+Enter mengirim</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>Kotak pertanyaan</translation>
    </message>
    <message>
        <source>The stream may go quiet while the interpreter runs; the service gives up after about 300 s.</source>
        <translation>Aliran data bisa diam selama interpreter berjalan; layanan menyerah setelah sekitar 300 detik.</translation>
    </message>
    <message>
        <source>system settings  (e.g. http://proxy.example:8080)</source>
        <translation>pengaturan sistem  (mis. http://proxy.example:8080)</translation>
    </message>
    <message>
        <source>Leave empty to use the system&apos;s proxy settings (HTTPS_PROXY, NO_PROXY). Certificates are always verified; SSL_CERT_FILE adds a custom CA bundle.</source>
        <translation>Biarkan kosong untuk memakai pengaturan proxy sistem (HTTPS_PROXY, NO_PROXY). Sertifikat selalu diverifikasi; SSL_CERT_FILE menambahkan bundel CA kustom.</translation>
    </message>
    <message>
        <source>Network (every connection)</source>
        <translation>Jaringan (semua koneksi)</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Batas waktu koneksi</translation>
    </message>
    <message>
        <source>Silence timeout</source>
        <translation>Batas waktu tanpa data</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>no Python found on PATH</source>
        <translation>tidak ada Python di PATH</translation>
    </message>
    <message>
        <source>The Python that runs executed code locally; leave empty for the default shown</source>
        <translation>Python yang menjalankan kode di komputer ini; kosongkan untuk memakai bawaan yang ditampilkan</translation>
    </message>
    <message>
        <source>Allow the code to use the network</source>
        <translation>Izinkan kode memakai jaringan</translation>
    </message>
    <message>
        <source>Run code locally</source>
        <translation>Menjalankan kode di komputer ini</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>No python3 or python was found on PATH: install Python, or enter the path of one here, to run code locally.</source>
        <translation>Tidak ada python3 atau python di PATH: pasang Python, atau masukkan jalurnya di sini, untuk menjalankan kode di komputer ini.</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <source>A new language applies when dashchat starts again.</source>
        <translation>Bahasa baru berlaku saat dashchat dijalankan ulang.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Tampilan</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source> s</source>
        <translation> dtk</translation>
    </message>
</context>
<context>
    <name>LocalRuns</name>
    <message>
        <source>A local run is going on: stop it first</source>
        <translation>Ada proses lokal yang sedang berjalan: hentikan dulu</translation>
    </message>
    <message>
        <source>Wait for the reply to finish before running its code</source>
        <translation>Tunggu balasan selesai sebelum menjalankan kodenya</translation>
    </message>
    <message>
        <source>(no Python found)</source>
        <translation>(Python tidak ditemukan)</translation>
    </message>
    <message>
        <source>Run this code on your computer?</source>
        <translation>Jalankan kode ini di komputer Anda?</translation>
    </message>
    <message>
        <source>The code the model wrote will run on this computer, as you, with {python}. It can read and change your files and do what any program you start can do.

dashchat runs it in a separate process, in a temporary folder that is removed afterwards, without your API keys or other credentials in its environment, stopped after {seconds} s; {network} {memory}

This guards against accidents, not against hostile code: run only code you would run yourself.</source>
        <translation>Kode yang ditulis model akan berjalan di komputer ini, sebagai Anda, dengan {python}. Kode itu dapat membaca dan mengubah berkas Anda dan melakukan apa pun yang dapat dilakukan program yang Anda jalankan.

dashchat menjalankannya dalam proses terpisah, di folder sementara yang dihapus sesudahnya, tanpa kunci API atau kredensial lain di lingkungannya, dan menghentikannya setelah {seconds} dtk; {network} {memory}

Ini melindungi dari kecelakaan, bukan dari kode jahat: jalankan hanya kode yang memang akan Anda jalankan sendiri.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Jalankan</translation>
    </message>
    <message>
        <source>Don&apos;t ask again for this conversation</source>
        <translation>Jangan tanya lagi untuk percakapan ini</translation>
    </message>
    <message>
        <source>the network is allowed (Settings).</source>
        <translation>jaringan diizinkan (Pengaturan).</translation>
    </message>
    <message>
        <source>the network is refused from Python&apos;s sockets (code that goes around them, such as curl in a subprocess, is not stopped).</source>
        <translation>jaringan ditolak dari soket Python (kode yang melewatinya, misalnya curl di subproses, tidak dihentikan).</translation>
    </message>
    <message>
        <source>Its memory is limited to 2048 MB.</source>
        <translation>Memorinya dibatasi 2048 MB.</translation>
    </message>
    <message>
        <source>A memory limit is set, but macOS does not enforce it.</source>
        <translation>Batas memori dipasang, tetapi macOS tidak menerapkannya.</translation>
    </message>
    <message>
        <source>Its memory is not limited on this system.</source>
        <translation>Memorinya tidak dibatasi di sistem ini.</translation>
    </message>
    <message>
        <source>No Python to run the code with: install Python (python3 on PATH) or choose one in Settings ▸ General.</source>
        <translation>Tidak ada Python untuk menjalankan kode: pasang Python (python3 di PATH) atau pilih satu di Pengaturan ▸ Umum.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Sedang berjalan…</translation>
    </message>
    <message>
        <source>Could not run the code: {reason}</source>
        <translation>Kode tidak dapat dijalankan: {reason}</translation>
    </message>
    <message>
        <source>The outputs could not be saved: {reason}</source>
        <translation>Keluaran tidak dapat disimpan: {reason}</translation>
    </message>
    <message>
        <source>Ran locally in {seconds} s</source>
        <translation>Dijalankan di komputer ini dalam {seconds} dtk</translation>
    </message>
    <message>
        <source>Raised an exception</source>
        <translation>Memunculkan eksepsi</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>Dihentikan pada batas waktu</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Dihentikan</translation>
    </message>
    <message>
        <source>The process ended unexpectedly</source>
        <translation>Proses berakhir secara tak terduga</translation>
    </message>
    <message>
        <source>Not run: an earlier block did not finish</source>
        <translation>Tidak dijalankan: blok sebelumnya tidak selesai</translation>
    </message>
    <message>
        <source>The outputs could not be removed from the history: {reason}</source>
        <translation>Keluaran tidak dapat dihapus dari riwayat: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Waiting for the service…</source>
        <translation>Menunggu layanan…</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>Tanpa data selama {seconds} dtk: interpreter mungkin sedang menjalankan kode…</translation>
    </message>
    <message>
        <source>Running code #{number} in the sandbox…</source>
        <translation>Menjalankan kode #{number} di sandbox…</translation>
    </message>
    <message>
        <source>Writing the answer…</source>
        <translation>Menulis jawaban…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Berpikir…</translation>
    </message>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (demo)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Proses berpikir</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>Kode yang dijalankan</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Jawaban</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Buka pengaturan</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Ask the same question again in the failed turn&apos;s place (the failed attempt stays in the history)</source>
        <translation>Ajukan pertanyaan yang sama lagi di tempat giliran yang gagal (percobaan yang gagal tetap ada di riwayat)</translation>
    </message>
    <message>
        <source>Close the error message</source>
        <translation>Tutup pesan kesalahan</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Simpan sebagai…</translation>
    </message>
    <message>
        <source>Write this conversation to a file of your choice</source>
        <translation>Tulis percakapan ini ke berkas pilihan Anda</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Stop the reply and keep what arrived (Esc)</source>
        <translation>Hentikan balasan dan simpan yang sudah diterima (Esc)</translation>
    </message>
    <message>
        <source>The connection profile the next question goes to</source>
        <translation>Profil koneksi tujuan pertanyaan berikutnya</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Urungkan</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Kirim pertanyaan</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>Tidak tersimpan di riwayat</translation>
    </message>
    <message>
        <source>The last reply could not be saved to the history: {problem}.

Save a copy before closing?</source>
        <translation>Balasan terakhir tidak dapat disimpan ke riwayat: {problem}.

Simpan salinan sebelum menutup?</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Tutup tanpa menyimpan</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Impor percakapan</translation>
    </message>
    <message>
        <source>ChatGPT export or dashchat transcript (*.zip *.json)</source>
        <translation>Ekspor ChatGPT atau transkrip dashchat (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Semua berkas (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Mengimpor {name}…</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {reason}</source>
        <translation>Tidak ada yang diimpor dari {name}: {reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: the history could not be written ({reason})</source>
        <translation>Tidak ada yang diimpor: riwayat tidak dapat ditulis ({reason})</translation>
    </message>
    <message>
        <source>Imported {name}: conversations added: {conversations}, continued: {continued}; turns: {turns}</source>
        <translation>{name} diimpor: percakapan ditambahkan: {conversations}, dilanjutkan: {continued}; giliran: {turns}</translation>
    </message>
    <message>
        <source>{name}: everything in it is in the history already</source>
        <translation>{name}: semua isinya sudah ada di riwayat</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>Percakapan &amp;baru</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>&amp;Ekspor percakapan…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Impor…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>&amp;Harga…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>Salin jawaban terakhir</translation>
    </message>
    <message>
        <source>Copy the last executed code</source>
        <translation>Salin kode terakhir yang dijalankan</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Cari percakapan</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>Kotak pertanyaan</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Daftar percakapan</translation>
    </message>
    <message>
        <source>Answer pane</source>
        <translation>Panel jawaban</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>Panel proses berpikir</translation>
    </message>
    <message>
        <source>Executed code pane</source>
        <translation>Panel kode yang dijalankan</translation>
    </message>
    <message>
        <source>Show Thinking</source>
        <translation>Tampilkan Pemikiran</translation>
    </message>
    <message>
        <source>Show Executed code</source>
        <translation>Tampilkan Kode yang dijalankan</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Perbesar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Perkecil</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Ukuran sebenarnya</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Kirim pertanyaan</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Hentikan balasan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Pintasan keyboard</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Jawaban</translation>
    </message>
    <message>
        <source>The conversation: each question and its answer</source>
        <translation>Percakapan: setiap pertanyaan dan jawabannya</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Proses berpikir</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning, with a marker where code ran</source>
        <translation>Proses berpikir model, dengan penanda di tempat kode dijalankan</translation>
    </message>
    <message>
        <source>Executed code</source>
        <translation>Kode yang dijalankan</translation>
    </message>
    <message>
        <source>Every snippet the interpreter ran, in order</source>
        <translation>Setiap potongan kode yang dijalankan interpreter, secara berurutan</translation>
    </message>
    <message>
        <source>Stored conversations, newest first</source>
        <translation>Percakapan tersimpan, terbaru di atas</translation>
    </message>
    <message>
        <source>Token usage</source>
        <translation>Penggunaan token</translation>
    </message>
    <message>
        <source>Interpreter runs</source>
        <translation>Jumlah eksekusi interpreter</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>ID permintaan</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>Status permintaan</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) cut off by an earlier crash were kept and marked interrupted</source>
        <translation>
            <numerusform>%n balasan yang terputus karena crash sebelumnya disimpan dan ditandai terputus</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the last answer</source>
        <translation>Jawaban terakhir disalin</translation>
    </message>
    <message>
        <source>Copied the last executed code</source>
        <translation>Kode terakhir yang dijalankan disalin</translation>
    </message>
    <message>
        <source>Demo: recorded replies from the documentation&apos;s examples stream through the real pipeline. No key, no network. Whatever you ask, the next recording answers.</source>
        <translation>Demo: balasan rekaman dari contoh dokumentasi dialirkan melalui pipeline yang sebenarnya. Tanpa kunci, tanpa jaringan. Apa pun yang Anda tanyakan, rekaman berikutnya yang menjawab.</translation>
    </message>
</context>
<context>
    <name>OpeningMixin</name>
    <message>
        <source>Stop the current reply first</source>
        <translation>Hentikan balasan saat ini terlebih dahulu</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Percakapan baru</translation>
    </message>
    <message>
        <source>Stop the current reply before opening another conversation</source>
        <translation>Hentikan balasan saat ini sebelum membuka percakapan lain</translation>
    </message>
    <message>
        <source>That conversation is gone</source>
        <translation>Percakapan itu sudah tidak ada</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>“{title}” dihapus</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Tanpa judul</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Dipulihkan</translation>
    </message>
</context>
<context>
    <name>OptionsMixin</name>
    <message>
        <source>This conversation&apos;s model, system prompt and thinking budget could not be saved to the history: they apply until dashchat closes.</source>
        <translation>Model, prompt sistem, dan anggaran berpikir percakapan ini tidak dapat disimpan ke riwayat: semuanya berlaku sampai dashchat ditutup.</translation>
    </message>
    <message>
        <source>The prices could not be saved: {reason}</source>
        <translation>Harga tidak dapat disimpan: {reason}</translation>
    </message>
    <message>
        <source>Zoom: {steps:+d}</source>
        <translation>Zoom: {steps:+d}</translation>
    </message>
    <message>
        <source>Zoom: actual size</source>
        <translation>Zoom: ukuran sebenarnya</translation>
    </message>
</context>
<context>
    <name>OutputsView</name>
    <message>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Stop this run: the process and everything it started are ended</source>
        <translation>Hentikan proses ini: proses dan semua yang dimulainya diakhiri</translation>
    </message>
    <message>
        <source>Clear outputs</source>
        <translation>Hapus keluaran</translation>
    </message>
    <message>
        <source>Remove these outputs, here and in the history</source>
        <translation>Hapus keluaran ini, di sini dan di riwayat</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <source>Show the whole output (long outputs are cut on screen)</source>
        <translation>Tampilkan seluruh keluaran (keluaran panjang dipotong di layar)</translation>
    </message>
    <message>
        <source>Figure, {width}×{height} pixels</source>
        <translation>Gambar, {width}×{height} piksel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Prices</source>
        <translation>Harga</translation>
    </message>
    <message>
        <source>Prices per million tokens, as your Model Studio console lists them. Costs shown are estimates from the token counts the service reports; reasoning counts as output, and the code interpreter adds input tokens but no charge of its own. A model without prices gets no estimate.</source>
        <translation>Harga per sejuta token, sebagaimana tercantum di konsol Model Studio Anda. Biaya yang ditampilkan adalah perkiraan dari jumlah token yang dilaporkan layanan; penalaran dihitung sebagai keluaran, dan interpreter kode menambah token masukan tetapi tidak dikenai biaya sendiri. Model tanpa harga tidak mendapat perkiraan.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Input / 1M tokens</source>
        <translation>Masukan / 1 juta token</translation>
    </message>
    <message>
        <source>Output / 1M tokens</source>
        <translation>Keluaran / 1 juta token</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Tambah model</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Mata uang</translation>
    </message>
    <message>
        <source>{model}: a price is a number of at least 0 (both are needed)</source>
        <translation>{model}: harga adalah angka minimal 0 (keduanya diperlukan)</translation>
    </message>
    <message>
        <source>{model} is listed twice</source>
        <translation>{model} tercantum dua kali</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Ask Qwen — it can run Python to work things out.  ({keys})</source>
        <translation>Tanya Qwen — ia bisa menjalankan Python untuk menyelesaikannya.  ({keys})</translation>
    </message>
    <message>
        <source>Type a question; {keys}</source>
        <translation>Ketik pertanyaan; {keys}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <source>Edited question</source>
        <translation>Pertanyaan yang diedit</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Ask the edited question as a new version of this turn; the earlier version stays, with what followed it</source>
        <translation>Ajukan pertanyaan yang diedit sebagai versi baru giliran ini; versi sebelumnya tetap ada beserta lanjutannya</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Leave the question as it was (Esc)</source>
        <translation>Biarkan pertanyaan seperti semula (Esc)</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <source>Show all ({count} characters)</source>
        <translation>Tampilkan semua ({count} karakter)</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Tampilkan lebih sedikit</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>Salin ID</translation>
    </message>
    <message>
        <source>Copy the request id (support asks for it)</source>
        <translation>Salin ID permintaan (diminta oleh tim dukungan)</translation>
    </message>
    <message>
        <source>Silent for {seconds} s: the interpreter may be running code…</source>
        <translation>Tanpa data selama {seconds} dtk: interpreter mungkin sedang menjalankan kode…</translation>
    </message>
    <message>
        <source>Tokens: {input} in · {output} out · {reasoning} reasoning · {total} total</source>
        <translation>Token: {input} masuk · {output} keluar · {reasoning} berpikir · {total} total</translation>
    </message>
    <message>
        <source>Tokens: counted at the end of the reply</source>
        <translation>Token: dihitung di akhir balasan</translation>
    </message>
    <message>
        <source>Tokens: not reported by the server</source>
        <translation>Token: tidak dilaporkan oleh server</translation>
    </message>
    <message>
        <source>Interpreter runs: {count}</source>
        <translation>Eksekusi interpreter: {count}</translation>
    </message>
    <message>
        <source>Interpreter runs: not reported</source>
        <translation>Eksekusi interpreter: tidak dilaporkan</translation>
    </message>
    <message>
        <source>The OpenAI-compatible protocol does not report how many times the interpreter ran, nor the code it ran</source>
        <translation>Protokol yang kompatibel dengan OpenAI tidak melaporkan berapa kali interpreter berjalan, juga tidak kode yang dijalankannya</translation>
    </message>
    <message>
        <source>via {connection}</source>
        <translation>melalui {connection}</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} · first token {first}</source>
        <translation>Durasi {elapsed} · token pertama {first}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>Permintaan {id}</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Menerima balasan…</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>Menunggu layanan…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Stopped: what arrived is kept</source>
        <translation>Dihentikan: yang sudah diterima tetap disimpan</translation>
    </message>
    <message>
        <source>Failed: {code}</source>
        <translation>Gagal: {code}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
</context>
<context>
    <name>SendKeys</name>
    <message>
        <source>Enter sends · Ctrl+Enter for a new line</source>
        <translation>Enter mengirim · Ctrl+Enter untuk baris baru</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends</source>
        <translation>Ctrl+Enter mengirim</translation>
    </message>
</context>
<context>
    <name>SendingMixin</name>
    <message>
        <source>Saved to the history</source>
        <translation>Tersimpan di riwayat</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not saved to the history&lt;/b&gt; — {problem}.&lt;br&gt;The reply stays here in full and dashchat keeps trying; it is saved as soon as that is fixed. Save as… keeps a copy elsewhere.</source>
        <translation>&lt;b&gt;Tidak tersimpan di riwayat&lt;/b&gt; — {problem}.&lt;br&gt;Balasan tetap utuh di sini dan dashchat terus mencoba; balasan disimpan begitu masalahnya teratasi. Simpan sebagai… menyimpan salinan di tempat lain.</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Ekspor gagal: {reason}</translation>
    </message>
    <message>
        <source>Showing version {number} of {count}</source>
        <translation>Menampilkan versi {number} dari {count}</translation>
    </message>
</context>
<context>
    <name>SentTime</name>
    <message>
        <source>Sent {time}</source>
        <translation>Dikirim {time}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>Memeriksa keyring…</translation>
    </message>
    <message>
        <source>sk-…  (leave empty to keep the current key)</source>
        <translation>sk-…  (biarkan kosong untuk mempertahankan kunci saat ini)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tampilkan</translation>
    </message>
    <message>
        <source>Show or hide the key you are typing</source>
        <translation>Tampilkan atau sembunyikan kunci yang sedang Anda ketik</translation>
    </message>
    <message>
        <source>Keep it in the OS keyring (otherwise for this session only)</source>
        <translation>Simpan di keyring OS (jika tidak, hanya untuk sesi ini)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Uji</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>Hapus kunci tersimpan</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>China (Beijing)</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>Singapura</translation>
    </message>
    <message>
        <source>US (Virginia)</source>
        <translation>AS (Virginia)</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>Base URL kustom</translation>
    </message>
    <message>
        <source>https://gateway.example/prefix</source>
        <translation>https://gateway.example/prefix</translation>
    </message>
    <message>
        <source>The code interpreter is documented for the China (Beijing) region only, and API keys are bound to the region that issued them.</source>
        <translation>Menurut dokumentasi, interpreter kode hanya didukung di wilayah China (Beijing), dan Kunci API terikat pada wilayah yang menerbitkannya.</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Use it for this session only</source>
        <translation>Gunakan hanya untuk sesi ini</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <source>Save and leave that key in the keyring</source>
        <translation>Simpan dan biarkan kunci itu di keyring</translation>
    </message>
    <message>
        <source>Connection profiles: each has its own protocol, address, model and key</source>
        <translation>Profil koneksi: masing-masing punya protokol, alamat, model, dan kunci sendiri</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Add a connection profile (an OpenAI-compatible server, to begin with)</source>
        <translation>Tambahkan profil koneksi (awalnya server yang kompatibel dengan OpenAI)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Delete this profile and its stored key when you save</source>
        <translation>Hapus profil ini beserta kunci tersimpannya saat Anda menyimpan</translation>
    </message>
    <message>
        <source>DashScope native — shows the executed code</source>
        <translation>DashScope native — menampilkan kode yang dijalankan</translation>
    </message>
    <message>
        <source>OpenAI-compatible — no executed code</source>
        <translation>Kompatibel OpenAI — tanpa kode yang dijalankan</translation>
    </message>
    <message>
        <source>This protocol does not return the executed code or the interpreter count; the code pane will say so.</source>
        <translation>Protokol ini tidak mengembalikan kode yang dijalankan maupun jumlah eksekusi interpreter; panel kode akan memberitahukannya.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokol</translation>
    </message>
    <message>
        <source>Send one tiny request with this key, address and model</source>
        <translation>Kirim satu permintaan kecil dengan kunci, alamat, dan model ini</translation>
    </message>
    <message>
        <source>API key of this profile</source>
        <translation>Kunci API profil ini</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(tanpa nama)</translation>
    </message>
    <message>
        <source>http://localhost:8000/v1</source>
        <translation>http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>The next question uses this connection.</source>
        <translation>Pertanyaan berikutnya memakai koneksi ini.</translation>
    </message>
    <message>
        <source>Saving makes this the connection for the next question (now: {name}).</source>
        <translation>Menyimpan akan menjadikan ini koneksi untuk pertanyaan berikutnya (saat ini: {name}).</translation>
    </message>
    <message>
        <source>A connection needs a name.</source>
        <translation>Koneksi harus punya nama.</translation>
    </message>
    <message>
        <source>Another connection is already called “{name}”.</source>
        <translation>Sudah ada koneksi lain bernama “{name}”.</translation>
    </message>
    <message>
        <source>“{name}” needs a base URL (or a region).</source>
        <translation>“{name}” memerlukan Base URL (atau wilayah).</translation>
    </message>
    <message>
        <source>The base URL of “{name}” must look like http://host:port/path.</source>
        <translation>Base URL “{name}” harus berbentuk seperti http://host:port/path.</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Koneksi baru</translation>
    </message>
    <message>
        <source>Deleted when you save, with the stored key: {names}. Cancel undoes this.</source>
        <translation>Dihapus saat Anda menyimpan, beserta kunci tersimpannya: {names}. Pilih Batal untuk mengurungkannya.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Sembunyikan</translation>
    </message>
    <message>
        <source>Type the base URL above: a local server may need no key.</source>
        <translation>Ketik Base URL di atas: server lokal mungkin tidak memerlukan kunci.</translation>
    </message>
    <message>
        <source>No key needed for a local server; add one if yours asks for it.</source>
        <translation>Server lokal tidak memerlukan kunci; tambahkan jika server Anda memintanya.</translation>
    </message>
    <message>
        <source>(The OS keyring cannot be used: {reason})</source>
        <translation>(Keyring OS tidak dapat digunakan: {reason})</translation>
    </message>
    <message>
        <source>DASHSCOPE_API_KEY is set and takes precedence</source>
        <translation>DASHSCOPE_API_KEY sudah diatur dan diutamakan</translation>
    </message>
    <message>
        <source>optional: only if your server asks for a key</source>
        <translation>opsional: hanya jika server Anda meminta kunci</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <source>No key to test: type one above.</source>
        <translation>Tidak ada kunci untuk diuji: ketik di atas.</translation>
    </message>
    <message>
        <source>The key works with {url} and {model} ({seconds} s).</source>
        <translation>Kunci berfungsi dengan {url} dan {model} ({seconds} dtk).</translation>
    </message>
    <message>
        <source>{url} answers with {model} without a key ({seconds} s).</source>
        <translation>{url} menjawab dengan {model} tanpa kunci ({seconds} dtk).</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>Tidak dihapus: {reason}</translation>
    </message>
    <message>
        <source>Removed the stored key.</source>
        <translation>Kunci tersimpan telah dihapus.</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>Tidak ada kunci yang tersimpan.</translation>
    </message>
    <message>
        <source>Not saved: {reason}.</source>
        <translation>Tidak disimpan: {reason}.</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>Tidak disimpan. {problem}</translation>
    </message>
    <message>
        <source>The stored key of the deleted connection “{name}” could not be removed: {reason}</source>
        <translation>Kunci tersimpan dari koneksi “{name}” yang dihapus tidak dapat dihapus: {reason}</translation>
    </message>
    <message>
        <source>The key was not stored: {reason} Nothing was written anywhere else.</source>
        <translation>Kunci tidak disimpan: {reason} Tidak ada yang ditulis di tempat lain.</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>dashchat (demo)</source>
        <translation>dashchat (demo)</translation>
    </message>
    <message>
        <source>OpenAI-compatible: no executed code</source>
        <translation>Kompatibel OpenAI: tanpa kode yang dijalankan</translation>
    </message>
    <message>
        <source>DashScope native</source>
        <translation>DashScope native</translation>
    </message>
    <message>
        <source>The next question goes to {connection}</source>
        <translation>Pertanyaan berikutnya dikirim ke {connection}</translation>
    </message>
    <message>
        <source>Settings saved: they apply to the next question</source>
        <translation>Pengaturan disimpan: berlaku mulai pertanyaan berikutnya</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Belum ada yang bisa diekspor</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Transcript JSON (*.json)</source>
        <translation>Transkrip JSON (*.json)</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Notebook Jupyter (*.ipynb)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Ekspor percakapan</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>Ekspor gagal: {reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Diekspor ke {path}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tombol</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>Percakapan baru</translation>
    </message>
    <message>
        <source>New conversation ({shortcut})</source>
        <translation>Percakapan baru ({shortcut})</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Cari percakapan</translation>
    </message>
    <message>
        <source>Include thinking</source>
        <translation>Sertakan proses berpikir</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n giliran</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Tanpa judul</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Belum ada percakapan.</translation>
    </message>
    <message>
        <source>Turn {number}</source>
        <translation>Giliran {number}</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Tidak ada yang cocok dengan “{text}”.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Ganti nama…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Ganti nama percakapan</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Judul:</translation>
    </message>
    <message>
        <source>Not saved to the history</source>
        <translation>Tidak tersimpan di riwayat</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>Prompt sistem</translation>
    </message>
    <message>
        <source>Instructions sent before every question of this conversation</source>
        <translation>Instruksi yang dikirim sebelum setiap pertanyaan dalam percakapan ini</translation>
    </message>
    <message>
        <source>Sent first, as the system message, with each question of this conversation only.</source>
        <translation>Dikirim paling awal, sebagai pesan sistem, bersama setiap pertanyaan dalam percakapan ini saja.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>The model&apos;s thinking streams here.</source>
        <translation>Proses berpikir model ditampilkan di sini secara langsung.</translation>
    </message>
    <message>
        <source>ran code #{number}</source>
        <translation>menjalankan kode #{number}</translation>
    </message>
    <message>
        <source>silent for {seconds} s: the interpreter probably ran code</source>
        <translation>tanpa data selama {seconds} dtk: interpreter kemungkinan menjalankan kode</translation>
    </message>
</context>
<context>
    <name>TurnCard</name>
    <message>
        <source>{number}. You</source>
        <translation>{number}. Anda</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Edit question {number}</source>
        <translation>Edit pertanyaan {number}</translation>
    </message>
    <message>
        <source>Edit this question and ask it again as a new version of this turn</source>
        <translation>Edit pertanyaan ini dan ajukan lagi sebagai versi baru giliran ini</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Buat ulang</translation>
    </message>
    <message>
        <source>Regenerate answer {number}</source>
        <translation>Buat ulang jawaban {number}</translation>
    </message>
    <message>
        <source>Ask the same question again as a new version of this turn; this answer stays, with what followed it</source>
        <translation>Ajukan pertanyaan yang sama lagi sebagai versi baru giliran ini; jawaban ini tetap ada beserta lanjutannya</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Salin jawaban</translation>
    </message>
    <message>
        <source>Copy this answer as Markdown</source>
        <translation>Salin jawaban ini sebagai Markdown</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Salin kode</translation>
    </message>
    <message>
        <source>Copy a code block of this answer, without its fences, or run one</source>
        <translation>Salin blok kode dari jawaban ini tanpa baris ```, atau jalankan</translation>
    </message>
    <message>
        <source>Opening the answer…</source>
        <translation>Membuka jawaban…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Menerima balasan…</translation>
    </message>
    <message>
        <source>Complete (cut at max tokens)</source>
        <translation>Selesai (terpotong di batas token maksimum)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Interrupted: what arrived is kept</source>
        <translation>Terputus: yang sudah diterima tetap disimpan</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to dashchat</source>
        <translation>Selamat datang di dashchat</translation>
    </message>
    <message>
        <source>Ask Qwen a question: it thinks, writes and runs Python in its sandbox, and answers. You watch its thinking, every snippet it ran, and the answer, live.

To talk to the service you need an API key from Alibaba Cloud Model Studio (the code interpreter is offered in the China (Beijing) region). The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>Ajukan pertanyaan kepada Qwen: ia berpikir, menulis dan menjalankan Python di sandbox-nya, lalu menjawab. Anda dapat melihat proses berpikirnya, setiap potongan kode yang dijalankan, dan jawabannya secara langsung.

Untuk terhubung ke layanan, Anda memerlukan Kunci API dari Alibaba Cloud Model Studio (interpreter kode tersedia di wilayah China (Beijing)). Kunci disimpan di keyring sistem Anda, tidak pernah di dalam file.</translation>
    </message>
    <message>
        <source>Enter your API key…</source>
        <translation>Masukkan Kunci API…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Coba demo</translation>
    </message>
    <message>
        <source>Recorded replies, no key, no network</source>
        <translation>Balasan rekaman, tanpa kunci, tanpa jaringan</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Nanti</translation>
    </message>
</context>
</TS>
