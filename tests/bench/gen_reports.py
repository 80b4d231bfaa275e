#!/usr/bin/env python3
"""gen_reports.py: realistic JSON Lines reports for timing `lapor import`.

usage: tests/bench/gen_reports.py N [--seed S] [--prefix P] [--regions CSV]

Writes N report lines to stdout: Indonesian titles and bodies (about 500
bytes per body), valid regions from db/data/regencies.csv, a mix of kinds,
channels and privacy (anonymous reports carry no reporter).  Tracking ids
are P-S-i, so runs with another prefix or seed never collide.
"""
import argparse
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REGIONS_CSV = os.path.join(HERE, "..", "..", "db", "data", "regencies.csv")

TOPICS = [
    ("jalan", "Jalan rusak di {place}",
     "Jalan utama di {place} berlubang cukup dalam dan tergenang air setiap kali hujan turun."),
    ("drainase", "Saluran air tersumbat di {place}",
     "Saluran air di sepanjang {place} tersumbat sampah dan lumpur sehingga banjir kecil."),
    ("sampah", "Sampah menumpuk di {place}",
     "Tumpukan sampah di {place} belum diangkut selama dua minggu dan menimbulkan bau."),
    ("penerangan", "Lampu jalan mati di {place}",
     "Lampu penerangan jalan umum di {place} sudah mati sejak bulan lalu, rawan kejahatan."),
    ("kesehatan", "Pelayanan puskesmas di {place} lambat",
     "Antrean di puskesmas {place} sangat panjang dan petugas pendaftaran hanya satu orang."),
    ("pendidikan", "Pungutan di sekolah negeri {place}",
     "Orang tua murid di {place} diminta membayar uang seragam dan buku yang tidak wajar."),
    ("administrasi", "Pengurusan KTP di {place} berbelit",
     "Pembuatan KTP elektronik di kantor kecamatan {place} memakan waktu lebih dari sebulan."),
    ("bansos", "Bantuan sosial tidak tepat sasaran di {place}",
     "Beberapa keluarga mampu di {place} menerima bantuan sementara warga miskin tidak."),
    ("air-bersih", "Air PDAM tidak mengalir di {place}",
     "Air PDAM di {place} tidak mengalir selama seminggu padahal tagihan tetap dibayar."),
    ("perizinan", "Izin usaha di {place} tidak kunjung terbit",
     "Permohonan izin usaha mikro kami di {place} belum diproses walau berkas sudah lengkap."),
]
FILLER = [
    "Kami sudah melapor kepada ketua RT dan kelurahan namun belum ada tindak lanjut.",
    "Kondisi ini sangat mengganggu aktivitas warga, terutama anak-anak dan lansia.",
    "Mohon instansi terkait segera meninjau lokasi dan memperbaiki keadaan ini.",
    "Kejadian serupa sudah berulang kali terjadi sejak awal tahun.",
    "Warga bersedia membantu memberikan keterangan tambahan bila diperlukan.",
    "Terima kasih atas perhatian dan tindak lanjut Bapak dan Ibu.",
    "Foto kondisi lapangan dapat kami kirimkan melalui aplikasi bila diminta.",
    "Kami berharap masalah ini dapat diselesaikan sebelum musim hujan tiba.",
]
STREETS = ["Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Gatot Subroto",
           "Jl. Ahmad Yani", "Jl. Pahlawan", "Gang Melati", "Jl. Kartini"]
NAMES = ["Budi Santoso", "Siti Rahmawati", "Agus Prasetyo", "Dewi Lestari", "Made Wirawan",
         "Rina Marpaung", "Yohanes Lado", "Nur Aini", "Hendra Wijaya", "Fitri Handayani"]
KINDS = ["complaint"] * 7 + ["aspiration"] * 2 + ["information_request"]
CHANNELS = ["web"] * 4 + ["app"] * 3 + ["sms", "social", "letter", "walk_in"]
PRIVACY = ["public"] * 7 + ["anonymous"] * 2 + ["secret"]


def load_regions(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [row["code"] for row in csv.DictReader(f)]


def body_of(rng, topic, place):
    parts = [topic[2].format(place=place)]
    while sum(len(p) + 1 for p in parts) < 480:
        parts.append(rng.choice(FILLER))
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="BENCH")
    ap.add_argument("--regions", default=REGIONS_CSV)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    regions = load_regions(a.regions)
    out = sys.stdout
    for i in range(a.n):
        topic = rng.choice(TOPICS)
        place = "%s RT %02d/RW %02d" % (rng.choice(STREETS), rng.randint(1, 20),
                                        rng.randint(1, 12))
        privacy = rng.choice(PRIVACY)
        day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
        rec = {
            "tracking_id": "%s-%d-%d" % (a.prefix, a.seed, i),
            "kind": rng.choice(KINDS),
            "channel": rng.choice(CHANNELS),
            "submitted_at": "2026-10-%02dT%02d:%02d:00+07:00" % (day, hour, minute),
            "title": topic[1].format(place=place),
            "body": body_of(rng, topic, place),
            "category": topic[0],
            "region": rng.choice(regions),
            "privacy": privacy,
        }
        if privacy != "anonymous":
            name = rng.choice(NAMES)
            rec["reporter"] = {
                "name": name,
                "phone": "08%010d" % rng.randint(0, 9999999999),
                "email": "%s%d@example.id" % (name.split()[0].lower(), i),
            }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
