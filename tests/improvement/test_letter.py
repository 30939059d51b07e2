import io

from pypdf import PdfReader


def test_the_head_downloads_the_allocation_letter_naming_school_head_and_lc(
    client_for, head_a, lc_a, school_a
):
    school_a.head_name = "Helen Marsh"
    school_a.save()
    response = client_for(head_a).get(f"/improvement/schools/{school_a.urn}/letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Dear Helen Marsh" in text
    assert f"Your Leadership Consultant is {lc_a.get_full_name()}" in text
    assert "Bonner Primary School has a Leadership Consultant and three visits" in text


def test_another_schools_head_gets_not_found(client_for, head_b, lc_a, school_a):
    client = client_for(head_b)
    assert client.get(f"/improvement/schools/{school_a.urn}/letter/").status_code == 404
    assert client.get(f"/improvement/schools/{school_a.urn}/letter.pdf").status_code == 404
