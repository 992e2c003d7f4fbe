import json
from safer.casework.tests.conftest import open_case, record_incident, new_person
from safer.casework.services import case_share, party_add

def test_smoke(world, client_for):
    case = open_case(world.caseworker)
    c = client_for(world.caseworker)
    r = c.get("/api/casework/cases")
    print(r.status_code, r.json())
    r = c.get(f"/api/casework/cases/{case.reference}")
    print(r.status_code, r.json())
    r = c.post("/api/casework/incidents", json.dumps({"occurred_at": "2026-01-01T10:00:00Z", "location_text": "x", "asb_category": "nuisance", "asb_type": "Noise", "description": "d"}), content_type="application/json")
    print(r.status_code, r.json())
    r = c.patch(f"/api/casework/cases/{case.reference}", json.dumps({"version": 99, "summary": "s"}), content_type="application/json")
    print(r.status_code, r.json())
    r = c.get("/api/casework/cases/bad")
    print(r.status_code, r.json())
    r = client_for(world.analyst).get("/api/casework/cases")
    print(r.status_code, r.json())
    assert 0
