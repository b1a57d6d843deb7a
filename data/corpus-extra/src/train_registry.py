"""Writes data/corpus-extra/train-elections.json: eight invented 2024 contests used ONLY as extra TRAINING data
(none overlaps elections.json or challenge-elections.json). Usage: python3 train_registry.py"""
import json, os

CAMPAIGN = {"electionDate": "2024-11-27", "campaignPeriod": {"from": "2024-09-25", "to": "2024-11-23"}}

def cand(n, names, aliases, jargon, hashtags, slogans, parties, accounts=None):
    c = {"number": n, "names": names, "aliases": aliases, "jargon": jargon, "hashtags": hashtags,
         "slogans": slogans, "parties": parties}
    if accounts:
        c["officialAccounts"] = [{"platform": p, "handle": h} for p, h in accounts]
    return c

def contest(id, kind, code, name, cands):
    return {"id": id, "kind": kind, "region": {"code": code, "name": name}, **CAMPAIGN, "candidates": cands}

CONTESTS = [
    contest("pilgub-aceh-2024", "gubernur", "11", "Provinsi Aceh", [
        cand(1, ["Fadhil Ramli", "Nurul Azizah"], ["Bang Fadhil", "Abu Fadhil", "Kak Nurul", "Fadhil-Nurul"],
             ["MULIA"], ["#AcehMulia", "#FadhilNurul"], ["Aceh Mulia, Rakyat Meuseuraya"], ["PAN", "PKS", "Demokrat"],
             [("instagram", "@fadhilnurul.aceh")]),
        cand(2, ["Zulkarnaini Daud", "Safrizal Yusuf"], ["Abang Zul", "Ampon Zul", "Bang Safrizal", "Zul-Safrizal"],
             ["TEGAS"], ["#AcehTegas", "#ZulSafrizal"], ["Aceh Tegas, Syariat Kuat"], ["Gerindra", "Golkar", "PKB"]),
    ]),
    contest("pilgub-sumut-2024", "gubernur", "12", "Provinsi Sumatera Utara", [
        cand(1, ["Robert Simanjuntak", "Ahmad Nasution"], ["Amang Robert", "Pak Robert", "Bang Ahmad", "Robert-Ahmad"],
             ["HORAS"], ["#SumutHoras", "#RobertAhmad"], ["Horas Sumut, Sejahtera Semua"], ["PDIP", "Hanura"],
             [("facebook", "@robertahmad.sumut")]),
        cand(2, ["Darwin Siregar", "Melinda Tarigan"], ["Bang Darwin", "Kak Melinda", "Darwin-Melinda"],
             ["MANTAP"], ["#SumutMantap", "#DarwinMelinda"], ["Sumut Mantap, Kampung Berdaya"],
             ["Gerindra", "Golkar", "NasDem"]),
        cand(3, ["Irwansyah Lubis", "Grace Sitompul"], ["Pak Irwan", "Ompung Irwan", "Bu Grace", "Irwan-Grace"],
             ["SEJUK"], ["#SumutSejuk", "#IrwanGrace"], ["Sumut Sejuk untuk Semua"], ["PKB", "PKS", "Perindo"]),
    ]),
    contest("pilgub-jabar-2024", "gubernur", "32", "Provinsi Jawa Barat", [
        cand(1, ["Hendarman Wiguna", "Siti Nuraeni"], ["Kang Hendar", "Ceu Siti", "Hendar-Siti"],
             ["JUARA"], ["#JabarJuara", "#HendarSiti"], ["Jabar Juara, Lembur Sejahtera"], ["Gerindra", "PKS", "PAN"],
             [("instagram", "@hendarsiti.jabar")]),
        cand(2, ["Galih Pratama", "Ayu Lestari"], ["Kang Galih", "Teh Ayu", "Galih-Ayu"],
             ["RAMAH"], ["#JabarRamah", "#GalihAyu"], ["Jabar Ramah, Warga Betah"], ["PDIP", "Golkar", "PKB"]),
    ]),
    contest("pilwalkot-bandung-2024", "walikota", "32.73", "Kota Bandung", [
        cand(1, ["Asep Saepudin", "Rina Marlina"], ["Kang Asep", "Teh Rina", "Asep-Rina"],
             ["SAE"], ["#BandungSae", "#AsepRina"], ["Bandung Sae, Warga Bagja"], ["PKS", "Demokrat", "NasDem"],
             [("instagram", "@aseprina.bdg")]),
        cand(2, ["Yusuf Permana", "Dini Rahayu"], ["Kang Ucup", "Kang Yusuf", "Teh Dini", "Ucup-Dini"],
             ["BERES"], ["#BandungBeres", "#UcupDini"], ["Bandung Beres, Urusan Lancar"], ["Gerindra", "PDIP", "PSI"]),
    ]),
    contest("pilbup-sumenep-2024", "bupati", "35.29", "Kabupaten Sumenep", [
        cand(1, ["Mohammad Faisol", "Siti Hasanah"], ["Ra Faisol", "Lora Faisol", "Nyai Hasanah", "Faisol-Hasanah"],
             ["BAROKAH"], ["#SumenepBarokah", "#FaisolHasanah"], ["Sumenep Barokah, Rakyat Sejahtera"],
             ["PKB", "PPP", "Gerindra", "PDIP", "Golkar", "NasDem", "Demokrat"], [("facebook", "@faisolhasanah.smp")]),
        cand(2, ["Kotak Kosong"], ["kolom kosong", "kokos"], [], ["#SumenepPilihKosong"], [], []),
    ]),
    contest("pilgub-bali-2024", "gubernur", "51", "Provinsi Bali", [
        cand(1, ["I Made Suarjana", "Ni Luh Sukerti"], ["Pak Made", "Bli Made", "Bu Luh", "Suarjana-Sukerti"],
             ["RAHAYU"], ["#BaliRahayu", "#SuarjanaSukerti"], ["Bali Rahayu, Krama Sejahtera"], ["PDIP", "Hanura"],
             [("instagram", "@suarjanasukerti")]),
        cand(2, ["I Ketut Arsana", "Anak Agung Sri Dewi"], ["Pak Ketut", "Bli Tut", "Gung Sri", "Arsana-Sri"],
             ["SHANTI"], ["#BaliShanti", "#ArsanaSri"], ["Bali Shanti, Adat Lestari"], ["Gerindra", "Golkar", "Demokrat"]),
    ]),
    contest("pilgub-sulut-2024", "gubernur", "71", "Provinsi Sulawesi Utara", [
        cand(1, ["Johny Rumengan", "Olivia Wenas"], ["Pak Jo", "Om Jo", "Ibu Oli", "Jo-Oli"],
             ["PASTI"], ["#SulutPasti", "#JoOli"], ["Sulut Pasti Maju"], ["PDIP", "PSI"],
             [("instagram", "@joolivia.sulut")]),
        cand(2, ["Arnold Lumowa", "Grace Sondakh"], ["Om Arnold", "Pak Arnold", "Ibu Grace", "Arnold-Grace"],
             ["NYAMAN"], ["#SulutNyaman", "#ArnoldGrace"], ["Sulut Nyaman, Torang Sejahtera"],
             ["Golkar", "Gerindra", "NasDem"]),
    ]),
    contest("pilbup-jayapura-2024", "bupati", "91.03", "Kabupaten Jayapura", [
        cand(1, ["Yulianus Wanimbo", "Marthen Kogoya"], ["Bapa Yul", "Kaka Marthen", "Yul-Marthen"],
             ["MANDIRI"], ["#JayapuraMandiri", "#YulMarthen"], ["Jayapura Mandiri, Kampung Bangkit"],
             ["NasDem", "PKB", "Perindo"], [("facebook", "@yulmarthen.jpr")]),
        cand(2, ["Daniel Ohee", "Selfina Yoku"], ["Bapa Daniel", "Mama Selfi", "Daniel-Selfina"],
             ["KASIH"], ["#JayapuraKasih", "#DanielSelfina"], ["Jayapura Kasih, Tanah Damai"],
             ["Golkar", "PDIP", "Demokrat"]),
    ]),
]

out = os.path.join(os.path.dirname(__file__), "..", "train-elections.json")
with open(out, "w") as f:
    json.dump({"$comment": "Extra TRAINING registry: eight invented Pilkada 2024 contests (Aceh, Sumatera Utara, Jawa Barat + Kota "
               "Bandung, Sumenep single candidate vs Kotak Kosong, Bali, Sulawesi Utara, Kabupaten Jayapura) that are in neither "
               "data/corpus/elections.json nor challenge-elections.json. Candidates invented; parties real; region codes Kemendagri. "
               "Generated by src/train_registry.py.", "contests": CONTESTS}, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(out)
