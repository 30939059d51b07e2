"""Made-up files in the layouts the DfE publishes, for tests and for measuring the imports
at national size. The values are invented; the header rows are the real ones."""

import csv
import random
from pathlib import Path

from membership.gias import PHASES, TYPES

# The columns of GIAS's "all establishment data" download (edubasealldata20240717.csv), in
# order; see tests/fixtures/gias/README.md for where this comes from.
GIAS_HEADER = (
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)", "EstablishmentStatus (code)", "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
    "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
    "Boarders (code)", "Boarders (name)", "NurseryProvision (name)", "OfficialSixthForm (code)",
    "OfficialSixthForm (name)", "Gender (code)", "Gender (name)", "ReligiousCharacter (code)",
    "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)", "Diocese (name)",
    "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils",
    "NumberOfBoys", "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)", "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)", "Federations (name)",
    "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)", "OfstedLastInsp",
    "OfstedSpecialMeasures (code)", "OfstedSpecialMeasures (name)", "LastChangedDate", "Street",
    "Locality", "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
    "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle",
    "BSOInspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit",
    "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)",
    "EBD (name)", "PlacesPRU", "FTProv (name)", "EdByOther (name)", "Section41Approved (name)",
    "SEN1 (name)", "SEN2 (name)", "SEN3 (name)", "SEN4 (name)", "SEN5 (name)", "SEN6 (name)",
    "SEN7 (name)", "SEN8 (name)", "SEN9 (name)", "SEN10 (name)", "SEN11 (name)", "SEN12 (name)",
    "SEN13 (name)", "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity", "SenUnitOnRoll", "SenUnitCapacity", "GOR (code)", "GOR (name)",
    "DistrictAdministrative (code)", "DistrictAdministrative (name)", "AdministrativeWard (code)",
    "AdministrativeWard (name)", "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)", "UrbanRural (code)", "UrbanRural (name)",
    "GSSLACode (name)", "Easting", "Northing", "MSOA (name)", "LSOA (name)",
    "InspectorateName (name)", "SENStat", "SENNoStat", "BoardingEstablishment (name)",
    "PropsName", "PreviousLA (code)", "PreviousLA (name)", "PreviousEstablishmentNumber",
    "OfstedRating (name)", "Country (name)", "UPRN", "SiteName", "QABName (code)",
    "QABName (name)", "EstablishmentAccredited (code)", "EstablishmentAccredited (name)",
    "QABReport", "CHNumber", "MSOA (code)", "LSOA (code)", "FSM", "AccreditationExpiryDate",
)  # fmt: skip

# What GIAS gives an open community primary school in every column, made up. A row is about as
# long as a real one (the national file of about 52,000 rows is about 65 MB).
_DEFAULTS = {
    "URN": "100000",
    "LA (code)": "211",
    "LA (name)": "Tower Hamlets",
    "EstablishmentNumber": "2000",
    "EstablishmentName": "Made-up Primary School",
    "TypeOfEstablishment (code)": "01",
    "TypeOfEstablishment (name)": "Community school",
    "EstablishmentTypeGroup (code)": "4",
    "EstablishmentTypeGroup (name)": "Local authority maintained schools",
    "EstablishmentStatus (code)": "1",
    "EstablishmentStatus (name)": "Open",
    "ReasonEstablishmentOpened (code)": "00",
    "ReasonEstablishmentOpened (name)": "Not applicable",
    "ReasonEstablishmentClosed (code)": "00",
    "ReasonEstablishmentClosed (name)": "Not applicable",
    "PhaseOfEducation (code)": "2",
    "PhaseOfEducation (name)": "Primary",
    "StatutoryLowAge": "3",
    "StatutoryHighAge": "11",
    "Boarders (code)": "1",
    "Boarders (name)": "No boarders",
    "NurseryProvision (name)": "Has Nursery Classes",
    "OfficialSixthForm (code)": "2",
    "OfficialSixthForm (name)": "Does not have a sixth form",
    "Gender (code)": "3",
    "Gender (name)": "Mixed",
    "ReligiousCharacter (code)": "06",
    "ReligiousCharacter (name)": "Does not apply",
    "ReligiousEthos (name)": "Does not apply",
    "Diocese (code)": "0000",
    "Diocese (name)": "Not applicable",
    "AdmissionsPolicy (code)": "0",
    "AdmissionsPolicy (name)": "Not applicable",
    "SchoolCapacity": "420",
    "SpecialClasses (code)": "2",
    "SpecialClasses (name)": "No Special Classes",
    "CensusDate": "18-01-2024",
    "NumberOfPupils": "405",
    "NumberOfBoys": "210",
    "NumberOfGirls": "195",
    "PercentageFSM": "41.2",
    "TrustSchoolFlag (code)": "0",
    "TrustSchoolFlag (name)": "Not applicable",
    "SchoolSponsorFlag (name)": "Not applicable",
    "FederationFlag (name)": "Not under a federation",
    "UKPRN": "10012345",
    "FurtherEducationType (name)": "Not applicable",
    "OfstedLastInsp": "14-03-2023",
    "OfstedSpecialMeasures (code)": "0",
    "OfstedSpecialMeasures (name)": "Not applicable",
    "LastChangedDate": "02-07-2024",
    "Street": "Made-up Street",
    "Locality": "Made-up Locality",
    "Town": "London",
    "Postcode": "E1 0AA",
    "SchoolWebsite": "www.made-up-primary.example",
    "TelephoneNum": "02070000000",
    "HeadTitle (name)": "Ms",
    "HeadFirstName": "Ann",
    "HeadLastName": "Example",
    "HeadPreferredJobTitle": "Headteacher",
    "BSOInspectorateName (name)": "Not applicable",
    "TeenMoth (name)": "Not applicable",
    "CCF (name)": "Not applicable",
    "SENPRU (name)": "Not applicable",
    "EBD (name)": "Not applicable",
    "FTProv (name)": "Not applicable",
    "EdByOther (name)": "Not applicable",
    "Section41Approved (name)": "Not applicable",
    "TypeOfResourcedProvision (name)": "Not applicable",
    "GOR (code)": "H",
    "GOR (name)": "London",
    "DistrictAdministrative (code)": "E09000030",
    "DistrictAdministrative (name)": "Tower Hamlets",
    "AdministrativeWard (code)": "E05009317",
    "AdministrativeWard (name)": "Made-up Ward",
    "ParliamentaryConstituency (code)": "E14001000",
    "ParliamentaryConstituency (name)": "Made-up Constituency",
    "UrbanRural (code)": "A1",
    "UrbanRural (name)": "(England/Wales) Urban major conurbation",
    "GSSLACode (name)": "E09000030",
    "Easting": "535000",
    "Northing": "182000",
    "MSOA (name)": "Tower Hamlets 001",
    "LSOA (name)": "Tower Hamlets 001A",
    "BoardingEstablishment (name)": "Not applicable",
    "PreviousLA (code)": "999",
    "PreviousLA (name)": "Not applicable",
    "OfstedRating (name)": "Good",
    "UPRN": "6000000000",
    "QABName (code)": "0",
    "QABName (name)": "Not applicable",
    "EstablishmentAccredited (code)": "0",
    "EstablishmentAccredited (name)": "Not applicable",
    "MSOA (code)": "E02000001",
    "LSOA (code)": "E01000001",
    "FSM": "167",
}


def gias_row(values: dict[str, str]) -> list[str]:
    """A row of the GIAS file: `values`, and the rest as an open community primary school."""
    unknown = values.keys() - set(GIAS_HEADER)
    if unknown:
        raise ValueError(f"not GIAS columns: {sorted(unknown)}")
    row = _DEFAULTS | values
    return [row.get(column, "") for column in GIAS_HEADER]


# About as many local authorities as England has, Tower Hamlets (211) among them.
LA_CODES = (*range(201, 214), *range(301, 321), *range(330, 960, 5))
_PHASE_CODES = {2: 60, 4: 15, 0: 12, 1: 5, 7: 3, 6: 3, 3: 1, 5: 1}


def write_national_gias(path: Path, *, rows: int = 52000, seed: int = 2024) -> None:
    """A made-up national GIAS file: every local authority, every type of establishment,
    open and closed, in Windows-1252 as GIAS publishes it."""
    chance = random.Random(seed)  # noqa: S311  # nosec B311  (made-up values, not secrets)
    type_codes = sorted(TYPES)
    with path.open("w", encoding="cp1252", newline="") as file:
        # GIAS puts its values in quotes.
        writer = csv.writer(file, quoting=csv.QUOTE_ALL)
        writer.writerow(GIAS_HEADER)
        for n in range(rows):
            la_code = LA_CODES[n % len(LA_CODES)]
            type_code = type_codes[chance.randrange(len(type_codes))] if n % 3 else 1
            phase_code = chance.choices(list(_PHASE_CODES), weights=list(_PHASE_CODES.values()))[0]
            if phase_code == 0 and TYPES[type_code].school_type and not TYPES[type_code].phase:
                phase_code = 2  # GIAS gives every state-funded mainstream school a phase
            closed = n % 4 == 0
            writer.writerow(
                gias_row({
                    "URN": str(100000 + n),
                    "LA (code)": str(la_code),
                    "LA (name)": f"Authority {la_code}",
                    "EstablishmentNumber": f"{1000 + n // len(LA_CODES) % 9000:04d}",
                    "EstablishmentName": f"Made-up School {n} of Authority {la_code}",
                    "TypeOfEstablishment (code)": f"{type_code:02d}",
                    "TypeOfEstablishment (name)": TYPES[type_code].name,
                    "EstablishmentStatus (code)": "2" if closed else "1",
                    "EstablishmentStatus (name)": "Closed" if closed else "Open",
                    "OpenDate": f"01-09-{chance.randrange(1990, 2024)}" if n % 2 else "",
                    "CloseDate": f"31-08-{chance.randrange(2000, 2024)}" if closed else "",
                    "PhaseOfEducation (code)": str(phase_code),
                    "PhaseOfEducation (name)": PHASES[phase_code][0],
                    "NumberOfPupils": str(chance.randrange(20, 2000)),
                    "Postcode": f"E{n % 20} {n % 10}AA",
                })
            )  # fmt: skip
