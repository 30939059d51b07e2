"""How uploaded files are read (thep.csvfiles): what Excel and the publishers save is read, and
what cannot be read is refused saying what the file is and how to save it, with the row and
column of the first bad byte. Rows are streamed, never read into memory whole."""

import io
import tracemalloc

import pytest

from thep.csvfiles import ImportRefused, read_rows

HEADER = "URN,name,town\r\n"


def rows(data: bytes, **options) -> list[tuple[int, dict[str, str]]]:
    return list(read_rows(data, required=["URN", "name"], **options))


def refusal(data: bytes, **options) -> str:
    with pytest.raises(ImportRefused) as refused:
        rows(data, **options)
    return str(refused.value)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", "Zoë Brontë, \u201cCafé\u201d \u2013 Žák"),
        (
            "utf-8-sig",
            "Zoë Brontë, \u201cCafé\u201d \u2013 Žák",
        ),  # Excel's 'CSV UTF-8' starts with a BOM
        ("cp1252", "Zoë Brontë, \u201cCafé\u201d \u2013 Žák"),  # Excel's 'CSV (comma delimited)'
        ("cp1252", "Šimon Žák Œuvre"),  # capitals of Windows-1252 after a space are names
    ],
)
def test_utf8_and_windows_1252_are_read(encoding, text):
    data = (HEADER + f'100001,"{text}",Bow\r\n').encode(encoding)

    assert rows(data) == [(2, {"URN": "100001", "name": text, "town": "Bow"})]


@pytest.mark.parametrize(
    "name",
    [
        "François",  # Mac Roman's ç is 0x8D, which Windows-1252 does not have
        "Hélène Lefèvre",  # è is 0x8F, another
        "Renée",  # é is 0x8E: Windows-1252 reads 'RenŽe'
        "St Mary\u2019s",  # the curly apostrophe is 0xD5: Windows-1252 reads 'St MaryÕs'
        "Müller",  # ü is 0x9F: 'MŸller'
    ],
)
def test_a_mac_roman_file_is_refused_naming_row_and_column(name):
    data = (HEADER + "100001,Bonner,Bow\r\n" + f"100002,{name},Bow\r\n").encode("mac_roman")

    message = refusal(data)

    assert "row 3, column 'name'" in message
    assert "Mac Roman" in message
    assert "save it from Excel as 'CSV UTF-8 (comma delimited)'" in message


def test_a_file_mixing_utf8_and_windows_1252_is_refused_at_the_first_bad_byte():
    utf8_then_1252 = (HEADER + "100001,Zoë,Bow\r\n").encode() + b"100002,Caf\xe9,Bow\r\n"
    cp1252_then_utf8 = (HEADER + "100001,Zoë,Bow\r\n").encode(
        "cp1252"
    ) + "100002,Café,Bow\r\n".encode()

    first = refusal(utf8_then_1252)
    second = refusal(cp1252_then_utf8)

    assert "row 3, column 'name': the byte 0xE9 is Windows-1252" in first
    assert "where the rows above are UTF-8" in first
    assert "row 3, column 'name': the byte 0xC3 is UTF-8" in second
    assert "mixes two encodings" in second


def test_the_bad_byte_is_named_by_its_column_even_after_a_cell_with_line_breaks():
    data = b'URN,name,town\r\n100001,"Bonner\r\nPrimary",Bo\x81w\r\n'

    assert "row 2, column 'town': the byte 0x81" in refusal(data)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_file_is_refused_as_excels_unicode_text(encoding):
    data = "URN\tname\r\n100001\tBonner\r\n".encode(encoding)

    message = refusal(data)

    assert "This file is UTF-16 (Excel's 'Unicode text')" in message
    assert "'CSV UTF-8 (comma delimited)'" in message


@pytest.mark.parametrize(
    ("separator", "said"),
    [
        (";", "semicolons (Excel's CSV in some European settings)"),
        ("\t", "tabs (Excel's 'Text (Tab delimited)')"),
    ],
)
def test_a_file_not_separated_by_commas_is_refused_saying_so(separator, said):
    data = f"URN{separator}name\r\n100001{separator}Bonner\r\n".encode()

    assert f"This file is separated by {said}, not commas" in refusal(data)


def test_the_header_is_found_below_title_rows_and_rows_keep_their_numbers():
    data = (
        b"Management information - schools - 31 August 2017\r\n"
        b"Published 14 September 2017,,\r\n,,\r\n" + HEADER.encode() + b"100001,Bonner,Bow\r\n"
    )

    assert rows(data, header_has="URN") == [(5, {"URN": "100001", "name": "Bonner", "town": "Bow"})]
    # Without being told, the first row is the header, as before.
    assert "row 1, column 'URN': this column is missing" in refusal(data)


def test_a_file_with_no_header_row_in_its_first_rows_is_refused():
    data = b"Title\r\n" * 40 + HEADER.encode()

    assert "No row in the first 30 has a cell 'URN'" in refusal(data, header_has="URN")


def test_rows_stream_from_a_path_and_a_file_and_report_progress(tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes((HEADER + "100001,Bonner,Bow\r\n" * 2500).encode("cp1252"))
    seen: list[int] = []

    from_path = list(read_rows(path, required=["URN"], progress=seen.append))
    with path.open("rb") as file:
        from_file = list(read_rows(file, required=["URN"]))

    assert len(from_path) == len(from_file) == 2500
    assert from_path[-1][0] == 2501
    assert seen == [1000, 2000, 2500]


def test_a_large_file_is_read_in_little_memory(tmp_path):
    """A national GIAS file is 65 MB: reading one of 20 MB keeps under a twentieth of it in
    memory, however long the file (a reader holding the file would hold all of it)."""
    path = tmp_path / "edubasealldata.csv"
    row = "100001," + ",".join(["Bonner Primary School"] * 10) + ",Bow\r\n"
    with path.open("w", encoding="cp1252", newline="") as file:
        file.write(HEADER.replace("town", ",".join(f"c{n}" for n in range(10)) + ",town"))
        block = row * 1000
        while file.tell() < 20_000_000:
            file.write(block)
    size = path.stat().st_size

    tracemalloc.start()
    try:
        count = sum(1 for _ in read_rows(path, required=["URN", "town"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count > 80_000
    assert peak < size / 20, f"peak {peak / 1e6:.1f} MB reading {size / 1e6:.0f} MB"


def test_bytes_and_uploaded_files_are_read_alike():
    data = (HEADER + "100001,Bonner,Bow\r\n").encode()

    assert (
        rows(data)
        == rows(io.BytesIO(data).read())
        == list(read_rows(io.BytesIO(data), required=["URN", "name"]))
    )
