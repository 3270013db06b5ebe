package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Moves profile values in and out of their encrypted columns. */
@ApplicationScoped
public class ProfileVault {

    @Inject
    DataKeys dataKeys;

    @Inject
    LookupHashes hashes;

    public void seal(Member member, MemberCipher cipher, Profile profile) {
        member.nameCt = cipher.encrypt(Profile.NAME, profile.name());
        member.loginIdCt = cipher.encrypt(Profile.LOGIN_ID, profile.loginId());
        member.mobileCt = cipher.encrypt(Profile.MOBILE, profile.mobile());
        member.emailCt = cipher.encrypt(Profile.EMAIL, profile.email());
        member.loginIdHash = hashes.loginId(profile.loginId());
        member.emailHash = hashes.email(profile.email());
    }

    public Profile open(Member member) {
        MemberCipher cipher = dataKeys.require(member.id);
        return new Profile(cipher.decrypt(Profile.NAME, member.nameCt),
                cipher.decrypt(Profile.LOGIN_ID, member.loginIdCt),
                cipher.decrypt(Profile.MOBILE, member.mobileCt),
                cipher.decrypt(Profile.EMAIL, member.emailCt));
    }
}
