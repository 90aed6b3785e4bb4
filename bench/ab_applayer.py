"""A/B driver (applayer room): ``python bench/ab_applayer.py ROOT LABEL`` → one JSON line of medians (wall, CPU ms).

ROOT is a checkout of this repository (e.g. a ``git worktree add --detach`` of the commit to compare); run several
ROOTs interleaved and compare the CPU medians (bench/results/applayer-regression.md).
"""
import json, os, statistics, sys, tempfile, time
root, label = sys.argv[1], sys.argv[2]
sys.path.insert(0, root); os.chdir(root)
os.environ["REVIEWER_HOME"] = tempfile.mkdtemp(prefix="ab-"); os.environ.pop("REVIEWER_DATABASE_URL", None)
from datetime import date
from pathlib import Path
from reviewer.rules.engine import assess
from reviewer.submission.parse import load_json
out = {"label": label}
def timed(fn, n):
    w, c = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        w.append((time.perf_counter() - t0) * 1000); c.append((time.process_time() - c0) * 1000)
    return statistics.median(w), statistics.median(c)
for name in ("hospital", "electronics", "boiler", "datacentre"):
    sub = load_json(Path("resources/demo") / f"{name}.json")
    for _ in range(20): assess(sub)
    out[f"assess.{name}"] = timed(lambda: assess(sub), 100)
from reviewer.opinion.service import render_and_sign
from reviewer.opinion.viewmodel import build_view_model, finalise
from reviewer.services import canonical_data
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
settings = Settings()
identities.init_authority(settings.commission_name, b"ca")
signer = Pkcs12Signer(identities.issue("基准测试", b"ca", b"pw"), b"pw")
sub = load_json(Path("resources/demo/hospital.json")); data = canonical_data(sub)
a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
def vm():
    return build_view_model(kind="approval", submission=data, assessment=a, doc_number="松发改能审〔2026〕1号",
                            issued_on=date(2026, 6, 5), commission=settings.commission_name)
for _ in range(5): vm()
out["viewmodel.hospital"] = timed(vm, 40)
def one():
    # the signed form, as issuing makes it (a draft view-model is refused when signing: signed_text.toml)
    render_and_sign(finalise(vm(), confirmed_unverified=True), settings, signer, submission_json=json.dumps(data).encode(), assessment_json=json.dumps(a).encode())
one()
out["render_sign.hospital_approval"] = timed(one, 9)
print(json.dumps(out))
