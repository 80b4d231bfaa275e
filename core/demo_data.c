/* demo_data.c: word lists and templates for the demo generator. */
#include <stdbool.h>
#include <stddef.h>

#include "demo_data.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct lp_demo_category lp_demo_categories[] = {
	{ "jalan-rusak", true,
	  { "Jalan berlubang di {jalan}", "Perbaikan jalan di {jalan} tidak kunjung selesai",
	    "Jalan rusak parah di depan sekolah di {kel}", NULL },
	  { "Selamat siang. Jalan di {jalan}, Kelurahan {kel}, berlubang cukup dalam sejak "
	    "{hari} hari yang lalu. Sudah ada {n} pengendara motor yang terjatuh, terutama saat "
	    "hujan karena lubang tertutup genangan. Mohon segera diperbaiki.",
	    "Mohon perhatian Bapak/Ibu. Proyek perbaikan jalan di {jalan} dibiarkan terbengkalai, "
	    "material berserakan dan tidak ada rambu pengaman. Warga {kel} kesulitan melintas.",
	    "Jalan di depan SD Negeri {n} {kel} rusak dan bergelombang. Anak-anak sekolah harus "
	    "berjalan di pinggir selokan. Kami berharap ada perbaikan sebelum musim hujan." },
	  { "Terima kasih atas laporannya. Tim Bina Marga telah meninjau lokasi di {jalan} dan "
	    "penambalan dijadwalkan dalam {hari} hari kerja.",
	    "Laporan Anda sudah kami teruskan ke bidang jalan dan jembatan. Perbaikan lubang di "
	    "{jalan} telah selesai dikerjakan kemarin sore.", NULL },
	  { "Sudah koordinasi dengan UPT jalan, menunggu jadwal alat berat.",
	    "Cek ulang foto lokasi, kemungkinan jalan provinsi, bukan kota." } },
	{ "sampah", false,
	  { "Sampah menumpuk di TPS {kel}", "Pembuangan sampah liar di {jalan}",
	    "Sampah tidak diangkut selama {hari} hari", NULL },
	  { "Sampah di TPS dekat {jalan}, Kelurahan {kel}, sudah {hari} hari tidak diangkut. "
	    "Baunya menyengat dan mulai banyak lalat. Mohon truk sampah dijadwalkan kembali.",
	    "Ada warga yang membuang sampah sembarangan di lahan kosong di {jalan}. Tumpukan sudah "
	    "setinggi pagar dan sering dibakar malam hari sehingga asapnya masuk rumah warga." },
	  { "Terima kasih. Armada pengangkut sampah sudah dikirim ke TPS {kel} pagi ini dan "
	    "jadwal pengangkutan dikembalikan menjadi setiap hari.",
	    "Petugas kebersihan telah membersihkan lokasi di {jalan} dan memasang papan larangan "
	    "membuang sampah.", NULL },
	  { "Truk pengangkut wilayah ini sedang rusak, pakai armada cadangan.", NULL } },
	{ "air-bersih", true,
	  { "Air PDAM tidak mengalir di {kel}", "Air PDAM keruh dan berbau",
	    "Tagihan PDAM naik tidak wajar", NULL },
	  { "Sudah {hari} hari air PDAM di rumah kami di {jalan}, {kel}, tidak mengalir sama "
	    "sekali. Kami terpaksa membeli air galon untuk mandi dan memasak.",
	    "Air PDAM yang mengalir ke rumah kami berwarna kecoklatan dan berbau. Tetangga di RT "
	    "0{n} juga mengalami hal yang sama. Apakah air ini aman digunakan?",
	    "Tagihan PDAM bulan ini naik tiga kali lipat padahal pemakaian kami tidak berubah. "
	    "Mohon meteran di {jalan} diperiksa." },
	  { "Terima kasih atas laporannya. Gangguan disebabkan perbaikan pipa induk; aliran air "
	    "di {kel} sudah normal kembali.",
	    "Petugas PDAM sudah memeriksa meteran di {jalan}. Meteran terbukti rusak dan sudah "
	    "diganti; kelebihan tagihan akan dikoreksi pada bulan berikutnya.", NULL },
	  { "Sudah diteruskan ke PDAM, minta nomor pelanggan ke pelapor.", NULL } },
	{ "listrik", false,
	  { "Lampu penerangan jalan mati di {jalan}", "Listrik PLN sering padam di {kel}",
	    "Tiang listrik miring di {jalan}", NULL },
	  { "Lampu penerangan jalan umum di sepanjang {jalan} mati sudah {hari} hari. Malam hari "
	    "sangat gelap dan rawan kejahatan.",
	    "Listrik di wilayah {kel} padam hampir setiap malam selama seminggu terakhir, "
	    "kadang sampai {n} jam. Peralatan elektronik warga banyak yang rusak.",
	    "Tiang listrik di {jalan} miring setelah hujan deras dan kabelnya menjuntai rendah. "
	    "Mohon segera ditangani sebelum terjadi kecelakaan." },
	  { "Lampu PJU di {jalan} sudah diperbaiki oleh petugas pada malam hari.",
	    "Laporan sudah kami koordinasikan dengan PLN UP3 setempat. Perbaikan gardu di {kel} "
	    "telah dilakukan.", NULL },
	  { "PJU kewenangan dishub kota, teruskan ke unit terkait.", NULL } },
	{ "kesehatan", false,
	  { "Antrean panjang di Puskesmas {kel}", "Pasien BPJS ditolak di rumah sakit",
	    "Obat tidak tersedia di puskesmas", NULL },
	  { "Saya mengantar ibu saya berobat ke Puskesmas {kel}. Kami datang jam 7 pagi dan baru "
	    "dilayani jam 1 siang. Hanya ada {n} loket yang buka.",
	    "Ayah saya peserta BPJS Kesehatan kelas 3 tetapi ditolak di IGD dengan alasan kamar "
	    "penuh, lalu disarankan menjadi pasien umum. Mohon penjelasan.",
	    "Obat hipertensi untuk ibu saya sudah {hari} hari tidak tersedia di puskesmas dan kami "
	    "diminta membeli sendiri di apotek." },
	  { "Terima kasih atas masukannya. Puskesmas {kel} menambah loket pendaftaran dan membuka "
	    "pendaftaran daring mulai bulan ini.",
	    "Kami telah mengonfirmasi ke rumah sakit. Pasien BPJS tidak boleh ditolak dan pihak "
	    "rumah sakit sudah diberi teguran; keluarga Bapak dapat menghubungi petugas BPJS di "
	    "rumah sakit.", NULL },
	  { "Sudah telepon kepala puskesmas, stok obat datang minggu depan.", NULL } },
	{ "pendidikan", false,
	  { "Pungutan biaya seragam di SD Negeri {n}", "Masalah zonasi PPDB di {kota}",
	    "Guru jarang masuk kelas", NULL },
	  { "Sekolah anak saya, SD Negeri {n} {kel}, memungut biaya seragam dan buku yang cukup "
	    "besar. Bukankah sekolah negeri seharusnya gratis?",
	    "Anak saya tidak diterima di SMP terdekat padahal rumah kami hanya {n} ratus meter "
	    "dari sekolah. Sementara ada siswa yang rumahnya jauh justru diterima lewat jalur "
	    "zonasi." },
	  { "Dinas Pendidikan telah memanggil kepala sekolah. Pungutan dihentikan dan dana yang "
	    "sudah dibayar akan dikembalikan.",
	    "Hasil verifikasi ulang jalur zonasi menunjukkan ada kesalahan data jarak. Anak "
	    "Bapak/Ibu dapat mendaftar ulang di sekolah tujuan.", NULL },
	  { "Minta data pendaftar dari panitia PPDB.", NULL } },
	{ "adminduk", false,
	  { "KTP-el belum jadi setelah {hari} hari", "Pengurusan akta kelahiran dipersulit",
	    "Data Kartu Keluarga salah dan belum diperbaiki", NULL },
	  { "Saya merekam KTP-el di kecamatan {hari} hari yang lalu tetapi sampai sekarang belum "
	    "dicetak. Setiap datang selalu dijawab blanko habis.",
	    "Saya mengurus akta kelahiran anak di Disdukcapil {kota}. Petugas meminta surat "
	    "pengantar tambahan yang tidak ada di persyaratan resmi.",
	    "Kartu Keluarga kami salah mencantumkan nama dan tanggal lahir. Sudah {n} kali datang "
	    "untuk perbaikan tetapi belum selesai." },
	  { "KTP-el atas nama pelapor sudah dicetak dan dapat diambil di kantor kecamatan dengan "
	    "membawa bukti perekaman.",
	    "Persyaratan akta kelahiran cukup sesuai ketentuan. Petugas yang bersangkutan telah "
	    "dibina; silakan datang kembali ke loket pelayanan.", NULL },
	  { "Cek NIK pelapor di SIAK, status sudah PRR.", NULL } },
	{ "bansos", false,
	  { "Bantuan PKH tidak tepat sasaran di {kel}", "Nama kami hilang dari DTKS",
	    "Bansos sembako tidak diterima bulan ini", NULL },
	  { "Di RT kami di {kel} ada penerima PKH yang memiliki mobil dan rumah dua lantai, "
	    "sementara tetangga kami yang lansia dan hidup sendiri tidak pernah menerima bantuan.",
	    "Keluarga kami sebelumnya menerima bantuan sembako tetapi sejak {n} bulan terakhir "
	    "nama kami tidak ada lagi di daftar. Kami tidak pernah diberi tahu alasannya." },
	  { "Terima kasih. Data penerima di {kel} akan diverifikasi ulang oleh pendamping PKH "
	    "bersama kelurahan dalam musyawarah bulan ini.",
	    "Nama Ibu telah diusulkan kembali dalam pemutakhiran DTKS periode berikutnya.", NULL },
	  { "Koordinasi dengan dinas sosial dan pendamping PKH kecamatan.", NULL } },
	{ "perizinan", false,
	  { "Izin usaha tidak kunjung terbit", "Bangunan tanpa izin di {jalan}",
	    "Pengurusan PBG lebih dari {hari} hari", NULL },
	  { "Saya mengajukan izin usaha melalui OSS untuk warung makan di {jalan} sejak {hari} "
	    "hari yang lalu. Statusnya masih menunggu verifikasi dan tidak ada kabar.",
	    "Ada pembangunan gedung empat lantai di {jalan} yang menurut warga tidak memiliki "
	    "izin dan menutup saluran air." },
	  { "Permohonan Bapak/Ibu telah diverifikasi dan izin sudah terbit. Dokumen dapat "
	    "diunduh melalui akun OSS.",
	    "Satpol PP bersama dinas tata ruang telah memeriksa bangunan di {jalan} dan "
	    "menghentikan sementara pembangunan.", NULL },
	  { "Berkas kurang dokumen lingkungan, minta pemohon lengkapi.", NULL } },
	{ "transportasi", false,
	  { "Angkot ngetem sembarangan di {jalan}", "Halte rusak di {jalan}",
	    "Jadwal KRL sering terlambat", NULL },
	  { "Angkot sering berhenti lama di {jalan} sehingga menimbulkan kemacetan panjang "
	    "setiap pagi. Tidak ada petugas yang menertibkan.",
	    "Halte di {jalan} atapnya bocor dan kursinya patah. Penumpang harus menunggu "
	    "kehujanan.",
	    "Kereta pagi dari stasiun dekat {kel} terlambat lebih dari {n}0 menit hampir setiap "
	    "hari minggu ini tanpa pengumuman." },
	  { "Dinas Perhubungan telah menempatkan petugas di {jalan} pada jam sibuk dan menindak "
	    "angkutan yang berhenti sembarangan.",
	    "Perbaikan halte di {jalan} sudah masuk jadwal pemeliharaan bulan ini.", NULL },
	  { "Perlu koordinasi dengan operator angkutan.", NULL } },
	{ "ketertiban", false,
	  { "Parkir liar di trotoar {jalan}", "Balap liar setiap malam minggu di {jalan}",
	    "Pedagang kaki lima menutup trotoar", NULL },
	  { "Trotoar di {jalan} dipakai untuk parkir motor sehingga pejalan kaki terpaksa "
	    "berjalan di badan jalan. Juru parkirnya meminta bayaran tanpa karcis.",
	    "Setiap malam minggu ada balap liar di {jalan} sampai dini hari. Suara knalpot "
	    "sangat bising dan membahayakan warga {kel}." },
	  { "Satpol PP dan Dishub telah melakukan penertiban parkir liar di {jalan} dan akan "
	    "berpatroli secara rutin.",
	    "Laporan diteruskan ke Polsek setempat; patroli malam di {jalan} sudah ditingkatkan.",
	    NULL },
	  { "Lokasi rawan, jadwalkan patroli gabungan.", NULL } },
	{ "lingkungan", true,
	  { "Banjir setiap hujan di {kel}", "Pencemaran sungai oleh limbah pabrik",
	    "Saluran air tersumbat di {jalan}", NULL },
	  { "Setiap hujan deras, permukiman kami di {kel} tergenang air setinggi lutut. "
	    "Saluran di {jalan} tersumbat sampah dan lumpur.",
	    "Sungai di belakang permukiman kami berubah warna dan berbau sejak ada pabrik baru. "
	    "Banyak ikan mati dan warga mengalami gatal-gatal." },
	  { "Pengerukan saluran di {jalan} telah dilakukan oleh satgas sumber daya air.",
	    "Dinas Lingkungan Hidup telah mengambil sampel air sungai; hasil uji laboratorium "
	    "akan disampaikan dalam {hari} hari kerja.", NULL },
	  { "Perlu survei lapangan bersama kelurahan.", NULL } },
	{ "pungli", false,
	  { "Pungutan liar saat mengurus surat di kelurahan", "Oknum meminta uang pelicin",
	    "Pungli di jembatan timbang", NULL },
	  { "Saat mengurus surat keterangan domisili di Kelurahan {kel}, oknum petugas meminta "
	    "uang Rp{n}0.000 agar surat cepat selesai.",
	    "Oknum petugas meminta uang pelicin agar berkas saya diproses lebih dulu. Saya punya "
	    "bukti percakapan." },
	  { "Terima kasih atas keberanian Anda melapor. Inspektorat telah memeriksa petugas yang "
	    "bersangkutan dan menjatuhkan sanksi disiplin.",
	    "Laporan sedang ditindaklanjuti oleh Saber Pungli. Identitas pelapor dijamin "
	    "kerahasiaannya.", NULL },
	  { "Teruskan ke inspektorat, jaga kerahasiaan pelapor.", NULL } },
};
const unsigned lp_demo_category_count = COUNT(lp_demo_categories);

const struct lp_demo_place lp_demo_places[] = {
	{ "31.71", "Jakarta Pusat",
	  { "Jl. Kramat Raya", "Jl. Salemba Raya", "Jl. Cikini Raya", "Jl. Gunung Sahari",
	    "Jl. Kwitang", "Jl. Percetakan Negara" },
	  { "Kenari", "Cempaka Putih Timur", "Menteng", "Senen" },
	  { "31.71.01", "31.71.02", "31.71.05", "31.71.07" } },
	{ "32.73", "Bandung",
	  { "Jl. Ir. H. Juanda", "Jl. Braga", "Jl. Asia Afrika", "Jl. Soekarno-Hatta",
	    "Jl. Pasteur", "Jl. Cihampelas" },
	  { "Coblong", "Sukajadi", "Cicendo", "Antapani" },
	  { "32.73.01", "32.73.04", "32.73.10", "32.73.20" } },
	{ "35.78", "Surabaya",
	  { "Jl. Tunjungan", "Jl. Raya Darmo", "Jl. Ahmad Yani", "Jl. Kenjeran",
	    "Jl. Rungkut Industri", "Jl. Mayjen Sungkono" },
	  { "Genteng", "Wonokromo", "Tambaksari", "Rungkut" },
	  { "35.78.01", "35.78.05", "35.78.12", "35.78.23" } },
};
const unsigned lp_demo_place_count = COUNT(lp_demo_places);

const char *const lp_demo_generic_streets[] = {
	"Jl. Merdeka", "Jl. Jenderal Sudirman", "Jl. Diponegoro", "Jl. Pahlawan",
	"Jl. Gatot Subroto", "Jl. Imam Bonjol", "Jl. Hasanuddin", "Jl. Pattimura",
	"Jl. Sisingamangaraja", "Jl. Teuku Umar",
};
const unsigned lp_demo_generic_street_count = COUNT(lp_demo_generic_streets);

const char *const lp_demo_generic_kelurahan[] = {
	"Sukamaju", "Sukarame", "Karang Anyar", "Sidomulyo", "Tanjung Harapan", "Suka Damai",
};
const unsigned lp_demo_generic_kelurahan_count = COUNT(lp_demo_generic_kelurahan);

const char *const lp_demo_first_names[] = {
	"Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Eko", "Ratna", "Joko", "Nur", "Andi",
	"Putri", "Wahyu", "Lestari", "Hendra", "Yuliana", "Fajar", "Indah", "Dedi", "Rina",
	"Made", "Ketut", "Teuku", "Cut", "Ahmad", "Fitri", "Yohanes", "Maria", "Hasan", "Wulan",
};
const unsigned lp_demo_first_name_count = COUNT(lp_demo_first_names);

const char *const lp_demo_last_names[] = {
	"Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Nugroho", "Siregar", "Nasution",
	"Pratama", "Kusuma", "Setiawan", "Rahmawati", "Simanjuntak", "Wibowo", "Hartono",
	"Permana", "Sembiring", "Purba", "Kurniawan", "Susanti",
};
const unsigned lp_demo_last_name_count = COUNT(lp_demo_last_names);

const char *const lp_demo_postpone_texts[] = {
	"Mohon lengkapi laporan dengan alamat lengkap dan foto lokasi.",
	"Mohon sebutkan waktu kejadian dan nama petugas yang bersangkutan.",
	"Mohon lampirkan nomor pelanggan atau nomor berkas permohonan Anda.",
};
const unsigned lp_demo_postpone_text_count = COUNT(lp_demo_postpone_texts);

const char *const lp_demo_escalate_texts[] = {
	"Tidak ada tindak lanjut dari unit terkait, mohon arahan pimpinan.",
	"Memerlukan keputusan anggaran di tingkat yang lebih tinggi.",
};
const unsigned lp_demo_escalate_text_count = COUNT(lp_demo_escalate_texts);

const char *const lp_demo_transfer_texts[] = {
	"Bukan kewenangan kami, diteruskan ke unit yang menangani.",
	"Lokasi berada di luar wilayah kami, mohon diverifikasi ulang.",
};
const unsigned lp_demo_transfer_text_count = COUNT(lp_demo_transfer_texts);

const struct lp_demo_officer lp_demo_officers[] = {
	{ "rina.wulandari", "Rina Wulandari", "KEMENPANRB", LP_ROLE_ADMIN },
	{ "agus.setiawan", "Agus Setiawan", "31", LP_ROLE_COORDINATOR },
	{ "dewi.lestari", "Dewi Lestari", "32", LP_ROLE_COORDINATOR },
	{ "indah.puspita", "Indah Puspita", "31", LP_ROLE_AUDITOR },
	{ "hendra.gunawan", "Hendra Gunawan", "31.71", LP_ROLE_SUPERVISOR },
	{ "budi.santoso", "Budi Santoso", "31.71", LP_ROLE_CLERK },
	{ "nur.hidayah", "Nur Hidayah", "31.71", LP_ROLE_CLERK },
	{ "fajar.nugroho", "Fajar Nugroho", "31.71.DISHUB", LP_ROLE_SUPERVISOR },
	{ "taufik.rahman", "Taufik Rahman", "31.71.DISHUB", LP_ROLE_CLERK },
	{ "sri.rahayu", "Sri Rahayu", "32.73", LP_ROLE_SUPERVISOR },
	{ "rudi.hartono", "Rudi Hartono", "32.73", LP_ROLE_CLERK },
	{ "ayu.permatasari", "Ayu Permatasari", "32.73", LP_ROLE_CLERK },
	{ "bambang.susilo", "Bambang Susilo", "35.78", LP_ROLE_SUPERVISOR },
	{ "eko.prasetyo", "Eko Prasetyo", "35.78", LP_ROLE_CLERK },
	{ "wahyu.hidayat", "Wahyu Hidayat", "35.78", LP_ROLE_CLERK },
	{ "yulia.kartika", "Yulia Kartika", "KEMENKES", LP_ROLE_SUPERVISOR },
	{ "maya.sari", "Maya Sari", "KEMENKES", LP_ROLE_CLERK },
};
const unsigned lp_demo_officer_count = COUNT(lp_demo_officers);
